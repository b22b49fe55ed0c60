-- Seekers fill in their own profile: the assistance categories they claim
-- stay unverified (verified = 0) until staff verify them; staff-entered ones
-- are verified. An employer's invitation reaches the person's inbox as a
-- push item marked invited.
ALTER TABLE person_categories ADD COLUMN verified INTEGER NOT NULL DEFAULT 1 CHECK (verified IN (0, 1));
ALTER TABLE push_items ADD COLUMN invited INTEGER NOT NULL DEFAULT 0 CHECK (invited IN (0, 1));
