-- Self-registration proves the phone first: a 6-digit code (stored hashed)
-- goes out by SMS, one live code per phone, with the tries spent on it. An
-- SMS about sign-up concerns no registered person, so the outbox's person
-- becomes optional (SQLite rebuilds the table to drop NOT NULL).
CREATE TABLE sms_outbox_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id  INTEGER REFERENCES people(id) ON DELETE CASCADE,
    phone      TEXT NOT NULL,
    message    TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    created_at INTEGER NOT NULL,
    sent_at    INTEGER
);
INSERT INTO sms_outbox_new (id, person_id, phone, message, status, created_at, sent_at)
    SELECT id, person_id, phone, message, status, created_at, sent_at FROM sms_outbox;
DROP TABLE sms_outbox;
ALTER TABLE sms_outbox_new RENAME TO sms_outbox;
CREATE INDEX sms_outbox_status ON sms_outbox(status, id);

CREATE TABLE registration_codes (
    phone      TEXT NOT NULL PRIMARY KEY,
    code_hash  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX registration_codes_expiry ON registration_codes(expires_at);
