//! SMS delivery as staff read it (a person's messages, a push job's tally),
//! and the opt-out flag: set by staff or the seeker (audited), or by a reply.

use anyhow::Context;
use doorstep_shared::api::{PushSmsTally, SmsKind, SmsMessage, SmsReason, SmsStatus};

use super::{append_audit, Db, RowDecoder, StorageError};

#[derive(sqlx::FromRow)]
struct SmsRow {
    id: i64,
    kind: String,
    push_job_id: Option<i64>,
    phone: String,
    message: String,
    status: String,
    reason: Option<String>,
    attempts: i64,
    next_attempt_at: i64,
    last_error: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

impl SmsRow {
    fn decode(self) -> anyhow::Result<SmsMessage> {
        let d = RowDecoder::new("sms_outbox", self.id);
        let status = d.spelled("status", &self.status, SmsStatus::parse)?;
        Ok(SmsMessage {
            id: self.id,
            kind: d.spelled("kind", &self.kind, SmsKind::parse)?,
            push_job_id: self.push_job_id,
            phone: self.phone,
            message: self.message,
            status,
            reason: self.reason.map(|r| d.spelled("reason", &r, SmsReason::parse)).transpose()?,
            attempts: d.number("attempts", self.attempts)?,
            // While sending it is the claim's lease, and once done nothing is due.
            next_attempt_at: Some(self.next_attempt_at).filter(|_| status == SmsStatus::Queued),
            last_error: self.last_error,
            created_at: self.created_at,
            sent_at: self.sent_at,
        })
    }
}

/// One page of a person's SMS, newest first, and how many there are in all.
pub async fn list_person_sms(db: &Db, person_id: i64, limit: i64, offset: i64) -> anyhow::Result<(Vec<SmsMessage>, i64)> {
    let rows: Vec<SmsRow> = sqlx::query_as(
        "SELECT id, kind, push_job_id, phone, message, status, reason, attempts, next_attempt_at, last_error, created_at, sent_at \
         FROM sms_outbox WHERE person_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3",
    )
    .bind(person_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
    .context("list person sms")?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sms_outbox WHERE person_id = $1").bind(person_id).fetch_one(db.pool()).await.context("count person sms")?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(row.decode()?);
    }
    Ok((out, total))
}

/// A push job's SMS counted by where they stand.
pub async fn tally_push_sms(db: &Db, push_job_id: i64) -> anyhow::Result<PushSmsTally> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT status, CAST(CASE WHEN reason = 'daily_cap' THEN 1 ELSE 0 END AS BIGINT) AS held, CAST(COUNT(*) AS BIGINT) \
         FROM sms_outbox WHERE push_job_id = $1 GROUP BY status, held",
    )
    .bind(push_job_id)
    .fetch_all(db.pool())
    .await
    .context("tally push sms")?;
    let mut tally = PushSmsTally { push_job_id, ..PushSmsTally::default() };
    for (status, held, count) in rows {
        let d = RowDecoder::new("push_jobs", push_job_id);
        let count: u64 = d.number("sms count", count)?;
        let slot = match d.spelled("sms status", &status, SmsStatus::parse)? {
            SmsStatus::Queued if held == 1 => &mut tally.held,
            SmsStatus::Queued => &mut tally.queued,
            SmsStatus::Sending => &mut tally.sending,
            SmsStatus::Sent => &mut tally.sent,
            SmsStatus::Failed => &mut tally.failed,
            SmsStatus::Skipped => &mut tally.skipped,
        };
        *slot += count;
    }
    Ok(tally)
}

/// Sets or clears a person's opt-out of push SMS, with the audit entry of who did.
pub async fn set_sms_opt_out(db: &Db, person_id: i64, opt_out: bool, actor: i64) -> Result<(), StorageError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let done = sqlx::query("UPDATE people SET sms_opt_out = $1 WHERE id = $2")
        .bind(i64::from(opt_out))
        .bind(person_id)
        .execute(&mut *tx)
        .await
        .context("set sms opt-out")?;
    if done.rows_affected() == 0 {
        return Err(StorageError::NotFound("person"));
    }
    let action = if opt_out { "person.sms_opt_out" } else { "person.sms_opt_in" };
    append_audit(&mut tx, actor, action, "person", person_id).await?;
    tx.commit().await.context("commit sms opt-out")?;
    Ok(())
}

/// Opts out everyone registered with `phone` (a reply asked); how many that is.
pub async fn opt_out_phone(db: &Db, phone: &str) -> anyhow::Result<u64> {
    let done = sqlx::query("UPDATE people SET sms_opt_out = 1 WHERE phone = $1").bind(phone).execute(db.pool()).await.context("opt out phone")?;
    Ok(done.rows_affected())
}
