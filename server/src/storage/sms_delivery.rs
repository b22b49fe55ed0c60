//! The outbox as the SMS worker sees it: queueing a sign-up SMS, claiming
//! due messages, the facts the rules need, and recording each outcome.
//!
//! Concurrency contract: several servers may share one PostgreSQL outbox. A
//! server claims a batch with one conditional `UPDATE` (status `queued`, or
//! `sending` whose claim ran out, and due): it sets `sending`, itself as
//! `claimed_by` and a lease in `next_attempt_at`. PostgreSQL re-checks that
//! condition on each row after taking its lock, so a row another server
//! claimed meanwhile (now due later) is left out: two servers never claim
//! one row at once. Outcomes are written only while the claim is still the
//! writer's. A server that died mid-send leaves its rows to be claimed again
//! when the lease ends; they go out with the same idempotency key.

use std::collections::HashSet;

use anyhow::Context;
use doorstep_shared::api::{SmsKind, SmsReason};

use super::{Db, Placeholders, RowDecoder};

/// Queues an SMS about sign-up (a code, or that the phone has an account):
/// no quiet hours, cap or opt-out holds it.
pub(super) async fn queue_sign_up_sms(conn: &mut sqlx::AnyConnection, phone: &str, message: &str, at: i64) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO sms_outbox (person_id, phone, message, status, created_at, kind) VALUES (NULL, $1, $2, 'queued', $3, $4)")
        .bind(phone)
        .bind(message)
        .bind(at)
        .bind(SmsKind::SignUp.as_str())
        .execute(conn)
        .await
        .context("queue sms")?;
    Ok(())
}

/// A claim: who claims, when, until when, how many, and whether push SMS may go (not in quiet hours).
pub struct SmsClaim<'a> {
    pub owner: &'a str,
    pub now: i64,
    pub lease_until: i64,
    pub limit: i64,
    pub push_allowed: bool,
}

/// A claimed message.
#[derive(Debug, Clone)]
pub struct ClaimedSms {
    pub id: i64,
    pub person_id: Option<i64>,
    pub phone: String,
    pub message: String,
    pub kind: SmsKind,
    /// The template's values, JSON.
    pub params: Option<String>,
    pub idempotency_key: String,
    /// Counting this one.
    pub attempts: u32,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    person_id: Option<i64>,
    phone: String,
    message: String,
    kind: String,
    params: Option<String>,
    idempotency_key: String,
    attempts: i64,
}

/// Claims up to `limit` due messages, oldest due first (see the module's contract); sorted by id.
#[tracing::instrument(skip_all, fields(owner = c.owner))]
pub async fn claim_sms(db: &Db, c: &SmsClaim<'_>) -> anyhow::Result<Vec<ClaimedSms>> {
    let rows: Vec<ClaimedRow> = sqlx::query_as(
        "UPDATE sms_outbox SET status = 'sending', claimed_by = $1, next_attempt_at = $2, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM sms_outbox WHERE status IN ('queued', 'sending') AND next_attempt_at <= $3 \
                      AND (kind <> 'push' OR $4 = 1) ORDER BY next_attempt_at, id LIMIT $5) \
         AND status IN ('queued', 'sending') AND next_attempt_at <= $3 \
         RETURNING id, person_id, phone, message, kind, params, idempotency_key, attempts",
    )
    .bind(c.owner)
    .bind(c.lease_until)
    .bind(c.now)
    .bind(i64::from(c.push_allowed))
    .bind(c.limit)
    .fetch_all(db.pool())
    .await
    .context("claim sms")?;
    let mut claimed = Vec::with_capacity(rows.len());
    for r in rows {
        let d = RowDecoder::new("sms_outbox", r.id);
        claimed.push(ClaimedSms {
            id: r.id,
            person_id: r.person_id,
            phone: r.phone,
            message: r.message,
            kind: d.spelled("kind", &r.kind, SmsKind::parse)?,
            params: r.params,
            idempotency_key: r.idempotency_key,
            attempts: d.number("attempts", r.attempts)?,
        });
    }
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// Of `person_ids`, those who opted out of push SMS.
pub async fn opted_out_people(db: &Db, person_ids: &[i64]) -> anyhow::Result<HashSet<i64>> {
    if person_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = format!("SELECT id FROM people WHERE sms_opt_out = 1 AND id IN ({})", Placeholders::default().list(person_ids.len()));
    let mut q = sqlx::query_as::<_, (i64,)>(&sql);
    for id in person_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("opted out people")?.into_iter().map(|(id,)| id).collect())
}

/// The push SMS of `person_ids` that count against today's cap, as (person,
/// id): those sent since `since`, as id 0 (ahead of any), and those another
/// server than `owner` is sending now.
pub async fn push_sms_ahead(db: &Db, person_ids: &[i64], since: i64, owner: &str) -> anyhow::Result<Vec<(i64, i64)>> {
    if person_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut p = Placeholders::default();
    let (since_at, owner_at, list) = (p.one(), p.one(), p.list(person_ids.len()));
    let sql = format!(
        "SELECT person_id, CASE WHEN status = 'sent' THEN 0 ELSE id END FROM sms_outbox WHERE kind = 'push' AND person_id IN ({list}) \
         AND ((status = 'sent' AND sent_at >= {since_at}) OR (status = 'sending' AND claimed_by <> {owner_at}))"
    );
    let mut q = sqlx::query_as::<_, (i64, i64)>(&sql).bind(since).bind(owner);
    for id in person_ids {
        q = q.bind(*id);
    }
    q.fetch_all(db.pool()).await.context("push sms counted against the cap")
}

/// How a claimed message ended this time.
#[derive(Debug, Clone, Copy)]
pub enum SmsOutcome<'a> {
    Sent,
    /// Back to the queue, due again at `due`, with the gateway's error.
    Retry {
        due: i64,
        error: &'a str,
    },
    Failed {
        reason: SmsReason,
        error: &'a str,
    },
    /// Never handed to the gateway.
    Skipped(SmsReason),
    /// Never handed to the gateway; back to the queue until `until`.
    Held {
        reason: SmsReason,
        until: i64,
    },
}

/// Records an outcome while `owner` still holds the claim; false when it no longer did.
pub async fn finish_sms(db: &Db, id: i64, owner: &str, at: i64, outcome: SmsOutcome<'_>) -> anyhow::Result<bool> {
    // Each statement ends with the claim check, `$N` the id and `$N+1` the owner.
    let query = match outcome {
        SmsOutcome::Sent => sqlx::query(
            "UPDATE sms_outbox SET status = 'sent', sent_at = $1, reason = NULL, claimed_by = NULL \
             WHERE id = $2 AND status = 'sending' AND claimed_by = $3",
        )
        .bind(at),
        SmsOutcome::Retry { due, error } => sqlx::query(
            "UPDATE sms_outbox SET status = 'queued', next_attempt_at = $1, last_error = $2, reason = NULL, claimed_by = NULL \
             WHERE id = $3 AND status = 'sending' AND claimed_by = $4",
        )
        .bind(due)
        .bind(error),
        SmsOutcome::Failed { reason, error } => sqlx::query(
            "UPDATE sms_outbox SET status = 'failed', reason = $1, last_error = $2, claimed_by = NULL \
             WHERE id = $3 AND status = 'sending' AND claimed_by = $4",
        )
        .bind(reason.as_str())
        .bind(error),
        SmsOutcome::Skipped(reason) => sqlx::query(
            "UPDATE sms_outbox SET status = 'skipped', reason = $1, attempts = attempts - 1, claimed_by = NULL \
             WHERE id = $2 AND status = 'sending' AND claimed_by = $3",
        )
        .bind(reason.as_str()),
        SmsOutcome::Held { reason, until } => sqlx::query(
            "UPDATE sms_outbox SET status = 'queued', reason = $1, next_attempt_at = $2, attempts = attempts - 1, claimed_by = NULL \
             WHERE id = $3 AND status = 'sending' AND claimed_by = $4",
        )
        .bind(reason.as_str())
        .bind(until),
    };
    let done = query.bind(id).bind(owner).execute(db.pool()).await.context("record sms outcome")?;
    Ok(done.rows_affected() == 1)
}
