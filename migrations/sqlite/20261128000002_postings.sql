-- Job postings, their skills, and the change feed the search indexer follows.
CREATE TABLE postings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    employer_id     INTEGER NOT NULL REFERENCES employers(id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    region_code     TEXT NOT NULL REFERENCES regions(code),
    lat             REAL NOT NULL,
    lon             REAL NOT NULL,
    wage_min        INTEGER NOT NULL CHECK (wage_min >= 0),
    wage_max        INTEGER NOT NULL CHECK (wage_max >= wage_min),
    headcount       INTEGER NOT NULL CHECK (headcount >= 1),
    hired           INTEGER NOT NULL DEFAULT 0 CHECK (hired >= 0 AND hired <= headcount),
    schedule        TEXT NOT NULL CHECK (schedule IN ('full_time', 'part_time', 'flexible', 'home_based')),
    accommodation   INTEGER NOT NULL CHECK (accommodation IN (0, 1)),
    physical_demand TEXT NOT NULL CHECK (physical_demand IN ('light', 'medium', 'heavy')),
    accessible      INTEGER NOT NULL CHECK (accessible IN (0, 1)),
    valid_until     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'open', 'filled', 'closed', 'rejected')),
    review_note     TEXT,
    reviewed_by     INTEGER REFERENCES users(id),
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX postings_employer ON postings(employer_id);
CREATE INDEX postings_region ON postings(region_code);
CREATE INDEX postings_status ON postings(status);

CREATE TABLE posting_skills (
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    skill_code TEXT NOT NULL REFERENCES skills(code),
    PRIMARY KEY (posting_id, skill_code)
);
CREATE INDEX posting_skills_skill ON posting_skills(skill_code);

-- One row per change to a searchable record, written in the same transaction
-- as the change. The indexer applies rows in seq order and stores the last
-- applied seq inside the index commit, so it never skips or repeats one.
CREATE TABLE change_feed (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    at        INTEGER NOT NULL
);
