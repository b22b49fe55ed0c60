//! The change feed: appended in the writer's transaction, read by the indexer.

use anyhow::Context;
use sqlx::AnyConnection;

use super::{Backend, Db};
use crate::clock::now;

/// Appends one change. On PostgreSQL the feed is locked first so that
/// sequence order equals commit order: a reader never sees seq N+1 committed
/// while N is still in flight (and would be skipped). SQLite has one writer.
pub async fn append_change(conn: &mut AnyConnection, backend: Backend, entity: &str, entity_id: i64) -> anyhow::Result<()> {
    if backend == Backend::Postgres {
        sqlx::query("LOCK TABLE change_feed IN SHARE ROW EXCLUSIVE MODE").execute(&mut *conn).await.context("lock change feed")?;
    }
    sqlx::query("INSERT INTO change_feed (entity, entity_id, at) VALUES ($1, $2, $3)")
        .bind(entity)
        .bind(entity_id)
        .bind(now())
        .execute(conn)
        .await
        .context("append change")?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Change {
    pub seq: i64,
    pub entity: String,
    pub entity_id: i64,
}

/// Changes after `seq`, oldest first.
pub async fn changes_after(db: &Db, seq: i64, limit: i64) -> anyhow::Result<Vec<Change>> {
    sqlx::query_as::<_, Change>("SELECT seq, entity, entity_id FROM change_feed WHERE seq > $1 ORDER BY seq LIMIT $2")
        .bind(seq)
        .bind(limit)
        .fetch_all(db.pool())
        .await
        .context("read change feed")
}

/// The newest sequence number (0 for an empty feed).
pub async fn last_change(db: &Db) -> anyhow::Result<i64> {
    let (seq,): (Option<i64>,) = sqlx::query_as("SELECT MAX(seq) FROM change_feed").fetch_one(db.pool()).await.context("last change")?;
    Ok(seq.unwrap_or(0))
}
