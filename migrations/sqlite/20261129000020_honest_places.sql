-- Honest places: whether a posting's site is its region's stand-in point (a
-- town or village carrying its county's point), so no kilometres are shown
-- to it; and a person's own home point ("use my location"), when they gave one.
ALTER TABLE postings ADD COLUMN site_approximate INTEGER NOT NULL DEFAULT 0 CHECK (site_approximate IN (0, 1));
UPDATE postings SET site_approximate = 1
    WHERE EXISTS (SELECT 1 FROM regions r WHERE r.code = postings.region_code AND r.approximate = 1 AND r.lat = postings.lat AND r.lon = postings.lon);
ALTER TABLE people ADD COLUMN home_lat REAL;
ALTER TABLE people ADD COLUMN home_lon REAL;
