//! The append-only audit log (the database refuses UPDATE and DELETE on it).

use anyhow::Context;
use sqlx::AnyConnection;

use super::Db;
use crate::clock::now;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub actor_user_id: i64,
    pub actor_username: String,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub at: i64,
    pub detail: Option<String>,
}

/// Appends one entry, inside the caller's transaction so action and record land together.
pub async fn append_audit(conn: &mut AnyConnection, actor_user_id: i64, action: &str, entity: &str, entity_id: i64) -> anyhow::Result<()> {
    append_audit_detail(conn, actor_user_id, action, entity, entity_id, None).await
}

/// Appends one entry with a note of what it covered (an export's filter and size).
pub async fn append_audit_detail(
    conn: &mut AnyConnection,
    actor_user_id: i64,
    action: &str,
    entity: &str,
    entity_id: i64,
    detail: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO audit_log (actor_user_id, action, entity, entity_id, at, detail) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(actor_user_id)
        .bind(action)
        .bind(entity)
        .bind(entity_id)
        .bind(now())
        .bind(detail)
        .execute(conn)
        .await
        .context("append audit")?;
    Ok(())
}

pub async fn list_audit(db: &Db, limit: i64, offset: i64) -> anyhow::Result<(Vec<AuditRow>, i64)> {
    let rows = sqlx::query_as::<_, AuditRow>(
        "SELECT a.id, a.actor_user_id, u.username AS actor_username, a.action, a.entity, a.entity_id, a.at, a.detail \
         FROM audit_log a JOIN users u ON u.id = a.actor_user_id ORDER BY a.id DESC LIMIT $1 OFFSET $2",
    )
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
    .context("list audit")?;
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log").fetch_one(db.pool()).await.context("count audit")?;
    Ok((rows, total))
}

/// Records that `actor` exported a list with personal data: a list, not one
/// record, so `entity_id` is 0 and `detail` says what it covered.
pub async fn audit_export(db: &Db, actor: i64, action: &str, entity: &str, detail: &str) -> anyhow::Result<()> {
    let mut conn = db.pool().acquire().await.context("acquire")?;
    append_audit_detail(&mut conn, actor, action, entity, 0, Some(detail)).await
}
