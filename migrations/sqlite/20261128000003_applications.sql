-- Applications, placements and their follow-ups; the push inbox and SMS outbox;
-- the link from a seeker's account to their record in the people registry.
-- Flags are 0/1 integers: sqlx's Any driver cannot decode SQLite booleans.

-- A seeker account may be linked to one person, and a person to one account.
ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES people(id)
    CHECK (person_id IS NULL OR role = 'seeker');
CREATE UNIQUE INDEX users_person ON users(person_id);

CREATE TABLE applications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    posting_id  INTEGER NOT NULL REFERENCES postings(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    status      TEXT NOT NULL CHECK (status IN ('applied', 'interviewing', 'hired', 'rejected', 'withdrawn')),
    source      TEXT NOT NULL CHECK (source IN ('applied', 'referral')),
    note        TEXT,
    status_note TEXT,
    created_by  INTEGER NOT NULL REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX applications_posting ON applications(posting_id);
CREATE INDEX applications_person ON applications(person_id);
-- One live application per person and posting; rejected or withdrawn ones may be followed by a new one.
CREATE UNIQUE INDEX applications_one_active ON applications(person_id, posting_id)
    WHERE status IN ('applied', 'interviewing', 'hired');

CREATE TABLE placements (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id INTEGER NOT NULL UNIQUE REFERENCES applications(id),
    person_id      INTEGER NOT NULL REFERENCES people(id),
    posting_id     INTEGER NOT NULL REFERENCES postings(id),
    kind           TEXT NOT NULL CHECK (kind IN ('nearby', 'transfer')),
    start_date     TEXT NOT NULL,
    monthly_wage   INTEGER NOT NULL CHECK (monthly_wage >= 0),
    created_by     INTEGER NOT NULL REFERENCES users(id),
    created_at     INTEGER NOT NULL
);
CREATE INDEX placements_person ON placements(person_id);
CREATE INDEX placements_posting ON placements(posting_id);

CREATE TABLE follow_ups (
    placement_id   INTEGER NOT NULL REFERENCES placements(id) ON DELETE CASCADE,
    month          INTEGER NOT NULL CHECK (month IN (1, 3, 6)),
    still_employed INTEGER NOT NULL CHECK (still_employed IN (0, 1)),
    monthly_wage   INTEGER CHECK (monthly_wage >= 0),
    note           TEXT,
    recorded_by    INTEGER NOT NULL REFERENCES users(id),
    recorded_at    INTEGER NOT NULL,
    PRIMARY KEY (placement_id, month)
);

-- The inbox: each posting reaches each person at most once.
CREATE TABLE push_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    posting_id INTEGER NOT NULL REFERENCES postings(id) ON DELETE CASCADE,
    score      REAL NOT NULL,
    -- JSON array of reasons, as shown at push time.
    reasons    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (person_id, posting_id)
);

-- Messages for the SMS gateway adapter to drain.
CREATE TABLE sms_outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    phone      TEXT NOT NULL,
    message    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);
CREATE INDEX sms_outbox_status ON sms_outbox(status, id);
