-- SMS delivery (issue 13 part 5): a worker drains the outbox through a
-- gateway. Each message gets an idempotency key (the gateway sends a key at
-- most once, so a retry after a timeout never reaches the phone twice), its
-- attempts, when it is next due (`next_attempt_at`, Unix seconds: a retry's
-- backoff, a claim's lease while `sending`, or tomorrow for one held by the
-- daily cap), the last error, and why it waits or was skipped (`reason`:
-- `opted_out`, `daily_cap`, `rejected`, `attempts_exhausted`). `kind` tells a
-- push from a sign-up SMS (which no quiet hours, cap or opt-out hold); a push
-- SMS names its job, so staff see delivery per push. `params` holds the
-- gateway template's values (JSON: posting title, place, posting id, count).
-- A person may opt out of push SMS (`people.sms_opt_out`).
-- SQLite cannot change a CHECK constraint: the outbox is rebuilt.
CREATE TABLE sms_outbox_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id       INTEGER REFERENCES people(id) ON DELETE CASCADE,
    phone           TEXT NOT NULL,
    message         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped')),
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    kind            TEXT NOT NULL CHECK (kind IN ('push', 'sign_up')),
    push_job_id     INTEGER REFERENCES push_jobs(id) ON DELETE SET NULL,
    params          TEXT,
    idempotency_key TEXT NOT NULL DEFAULT (lower(hex(randomblob(16)))),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    claimed_by      TEXT,
    last_error      TEXT,
    reason          TEXT
);
INSERT INTO sms_outbox_new (id, person_id, phone, message, status, created_at, sent_at, kind)
    SELECT id, person_id, phone, message, status, created_at, sent_at, CASE WHEN person_id IS NULL THEN 'sign_up' ELSE 'push' END FROM sms_outbox;
DROP TABLE sms_outbox;
ALTER TABLE sms_outbox_new RENAME TO sms_outbox;
CREATE UNIQUE INDEX sms_outbox_idempotency_key ON sms_outbox(idempotency_key);
CREATE INDEX sms_outbox_status ON sms_outbox(status, id);
CREATE INDEX sms_outbox_due ON sms_outbox(status, next_attempt_at);
CREATE INDEX sms_outbox_person ON sms_outbox(person_id, id);
CREATE INDEX sms_outbox_push_job ON sms_outbox(push_job_id, status);

ALTER TABLE people ADD COLUMN sms_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (sms_opt_out IN (0, 1));
-- A reply names a phone: its people are found by it.
CREATE INDEX people_phone ON people(phone);
