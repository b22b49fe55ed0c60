-- Self-registration proves the phone first: a 6-digit code (stored hashed)
-- goes out by SMS, one live code per phone, with the tries spent on it. An
-- SMS about sign-up concerns no registered person, so the outbox's person
-- becomes optional.
ALTER TABLE sms_outbox ALTER COLUMN person_id DROP NOT NULL;

CREATE TABLE registration_codes (
    phone      TEXT NOT NULL PRIMARY KEY,
    code_hash  TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts   BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX registration_codes_expiry ON registration_codes(expires_at);
