//! The push inbox (`push_items`: each posting reaches each person at most
//! once, pushed or invited by its employer) and the SMS outbox a gateway adapter drains.

use anyhow::Context;

use super::{append_audit, Db};
use crate::clock::now;

/// Postings already pushed to a person.
pub async fn pushed_posting_ids(db: &Db, person_id: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT posting_id FROM push_items WHERE person_id = $1").bind(person_id).fetch_all(db.pool()).await.context("pushed postings")?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

pub struct NewPushItem {
    pub posting_id: i64,
    pub score: f64,
    /// JSON array of reasons.
    pub reasons: String,
}

/// What one person's push wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PushWritten {
    pub items: u64,
    pub sms: bool,
}

/// Inserts a person's new inbox items and one SMS, in one transaction. Items
/// pushed meanwhile by a concurrent run are skipped; when none is new, nothing
/// is written (no SMS about nothing).
#[tracing::instrument(skip_all, fields(person_id = person_id, items = items.len()))]
pub async fn insert_push(db: &Db, person_id: i64, items: &[NewPushItem], phone: &str, message: &str) -> anyhow::Result<PushWritten> {
    if items.is_empty() {
        return Ok(PushWritten::default());
    }
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let mut inserted = 0;
    for item in items {
        let done = sqlx::query(
            "INSERT INTO push_items (person_id, posting_id, score, reasons, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (person_id, posting_id) DO NOTHING",
        )
        .bind(person_id)
        .bind(item.posting_id)
        .bind(item.score)
        .bind(&item.reasons)
        .bind(at)
        .execute(&mut *tx)
        .await
        .context("insert push item")?;
        inserted += done.rows_affected();
    }
    if inserted == 0 {
        tx.rollback().await.context("rollback push")?;
        return Ok(PushWritten::default());
    }
    queue_sms(&mut tx, Some(person_id), phone, message, at).await?;
    tx.commit().await.context("commit push")?;
    Ok(PushWritten { items: inserted, sms: true })
}

/// Queues one SMS for the gateway adapter; `person` is `None` for one about sign-up.
pub(super) async fn queue_sms(conn: &mut sqlx::AnyConnection, person: Option<i64>, phone: &str, message: &str, at: i64) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO sms_outbox (person_id, phone, message, status, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(person)
        .bind(phone)
        .bind(message)
        .bind("queued")
        .bind(at)
        .execute(conn)
        .await
        .context("queue sms")?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub posting_id: i64,
    pub title: String,
    pub employer: String,
    pub score: f64,
    pub reasons: String,
    pub invited: i64,
    pub created_at: i64,
}

/// An employer's (or staff member's) invitation to apply.
pub struct NewInvitation<'a> {
    pub person_id: i64,
    pub posting_id: i64,
    pub score: f64,
    /// JSON array of reasons, worded for the person.
    pub reasons: &'a str,
    pub actor: i64,
}

/// Puts an invitation in the person's inbox with its audit entry; a posting
/// already pushed to them becomes invited and moves to the top.
#[tracing::instrument(skip_all, fields(person_id = i.person_id, posting_id = i.posting_id))]
pub async fn insert_invitation(db: &Db, i: &NewInvitation<'_>) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query(
        "INSERT INTO push_items (person_id, posting_id, score, reasons, invited, created_at) VALUES ($1, $2, $3, $4, 1, $5) \
         ON CONFLICT (person_id, posting_id) DO UPDATE SET invited = 1, created_at = excluded.created_at",
    )
    .bind(i.person_id)
    .bind(i.posting_id)
    .bind(i.score)
    .bind(i.reasons)
    .bind(now())
    .execute(&mut *tx)
    .await
    .context("insert invitation")?;
    append_audit(&mut tx, i.actor, "posting.invite", "person", i.person_id).await?;
    tx.commit().await.context("commit invitation")?;
    Ok(())
}

/// A person's inbox, newest first.
/// One page of a person's inbox, newest first, and how many items it holds in all.
pub async fn list_inbox(db: &Db, person_id: i64, limit: i64, offset: i64) -> anyhow::Result<(Vec<InboxRow>, i64)> {
    let rows = sqlx::query_as::<_, InboxRow>(
        "SELECT i.id, i.posting_id, p.title, e.name AS employer, i.score, i.reasons, i.invited, i.created_at \
         FROM push_items i JOIN postings p ON p.id = i.posting_id JOIN employers e ON e.id = p.employer_id \
         WHERE i.person_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(person_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
    .context("list inbox")?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM push_items WHERE person_id = $1").bind(person_id).fetch_one(db.pool()).await.context("count inbox")?;
    Ok((rows, total))
}
