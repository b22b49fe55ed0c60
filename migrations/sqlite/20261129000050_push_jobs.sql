-- The push runs as a background job (issue 10 part 7). People are walked in
-- id order; `last_person_id` is the last person id whose page is committed, written
-- with that page's inbox items, SMS and counters in one transaction, so a job
-- interrupted by a restart resumes after it (the cursor) and nothing is counted or sent
-- twice. The node running a job holds a lease (`lease_owner` until
-- `lease_until`, Unix seconds) renewed with every page; a running job whose
-- lease ran out is claimed by another node (PostgreSQL) or at start (SQLite).
CREATE TABLE push_jobs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Region code prefix pushed to ('' for everywhere).
    region_prefix  TEXT NOT NULL,
    top_k          INTEGER NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('running', 'finished', 'failed')),
    started_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    last_person_id INTEGER NOT NULL DEFAULT 0,
    people_total   INTEGER NOT NULL DEFAULT 0,
    people_done    INTEGER NOT NULL DEFAULT 0,
    people         INTEGER NOT NULL DEFAULT 0,
    people_reached INTEGER NOT NULL DEFAULT 0,
    items          INTEGER NOT NULL DEFAULT 0,
    sms_queued     INTEGER NOT NULL DEFAULT 0,
    already_pushed INTEGER NOT NULL DEFAULT 0,
    skipped        INTEGER NOT NULL DEFAULT 0,
    lease_owner    TEXT,
    lease_until    INTEGER NOT NULL DEFAULT 0,
    error          TEXT,
    started_at     INTEGER NOT NULL,
    finished_at    INTEGER
);
CREATE INDEX push_jobs_state ON push_jobs(state, id);
