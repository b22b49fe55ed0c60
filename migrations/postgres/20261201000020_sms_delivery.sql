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
ALTER TABLE sms_outbox DROP CONSTRAINT sms_outbox_status_check;
ALTER TABLE sms_outbox ADD CONSTRAINT sms_outbox_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped'));
ALTER TABLE sms_outbox ADD COLUMN kind TEXT;
UPDATE sms_outbox SET kind = CASE WHEN person_id IS NULL THEN 'sign_up' ELSE 'push' END;
ALTER TABLE sms_outbox ALTER COLUMN kind SET NOT NULL;
ALTER TABLE sms_outbox ADD CONSTRAINT sms_outbox_kind_check CHECK (kind IN ('push', 'sign_up'));
ALTER TABLE sms_outbox ADD COLUMN push_job_id BIGINT REFERENCES push_jobs(id) ON DELETE SET NULL;
ALTER TABLE sms_outbox ADD COLUMN params TEXT;
-- A volatile default: every existing row gets a key of its own.
ALTER TABLE sms_outbox ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', '');
ALTER TABLE sms_outbox ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sms_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE sms_outbox ADD COLUMN last_error TEXT;
ALTER TABLE sms_outbox ADD COLUMN reason TEXT;
CREATE UNIQUE INDEX sms_outbox_idempotency_key ON sms_outbox(idempotency_key);
CREATE INDEX sms_outbox_due ON sms_outbox(status, next_attempt_at);
CREATE INDEX sms_outbox_person ON sms_outbox(person_id, id);
CREATE INDEX sms_outbox_push_job ON sms_outbox(push_job_id, status);

ALTER TABLE people ADD COLUMN sms_opt_out BIGINT NOT NULL DEFAULT 0 CHECK (sms_opt_out IN (0, 1));
-- A reply names a phone: its people are found by it.
CREATE INDEX people_phone ON people(phone);
