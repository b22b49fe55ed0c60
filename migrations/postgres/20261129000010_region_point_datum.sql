-- One datum for region points: WGS84. Rows stored before this migration hold
-- the bundled cpca points (GCJ-02) and corrections made against them; the
-- server converts them once at start-up (storage::convert_old_region_points)
-- and marks them wgs84. Every write names its datum explicitly.
ALTER TABLE regions ADD COLUMN datum TEXT NOT NULL DEFAULT 'gcj02' CHECK (datum IN ('wgs84', 'gcj02'));
