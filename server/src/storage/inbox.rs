//! The push inbox (`push_items`: each posting reaches each person at most
//! once, pushed or invited by its employer).

use std::collections::{HashMap, HashSet};

use anyhow::Context;

use super::{append_audit, Db, Placeholders};
use crate::clock::now;

/// Postings already pushed to each of `person_ids` (a page of the push), in one query.
pub async fn pushed_posting_ids(db: &Db, person_ids: &[i64]) -> anyhow::Result<HashMap<i64, HashSet<i64>>> {
    let mut out: HashMap<i64, HashSet<i64>> = HashMap::new();
    if person_ids.is_empty() {
        return Ok(out);
    }
    let sql = format!("SELECT person_id, posting_id FROM push_items WHERE person_id IN ({})", Placeholders::default().list(person_ids.len()));
    let mut q = sqlx::query_as::<_, (i64, i64)>(&sql);
    for id in person_ids {
        q = q.bind(*id);
    }
    for (person_id, posting_id) in q.fetch_all(db.pool()).await.context("pushed postings")? {
        out.entry(person_id).or_default().insert(posting_id);
    }
    Ok(out)
}

pub struct NewPushItem {
    pub posting_id: i64,
    pub score: f64,
    /// JSON array of reasons.
    pub reasons: String,
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
