//! Login sessions: the cookie holds a random token, the table its SHA-256.

use anyhow::Context;

use super::{Db, UserRecord, UserRow};
use crate::clock::now;

pub async fn insert_session(db: &Db, token_hash: &str, user_id: i64, ttl_secs: i64) -> anyhow::Result<()> {
    let at = now();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash)
        .bind(user_id)
        .bind(at)
        .bind(at + ttl_secs)
        .execute(db.pool())
        .await
        .context("insert session")?;
    Ok(())
}

/// The user behind an unexpired session.
pub async fn find_session_user(db: &Db, token_hash: &str) -> anyhow::Result<Option<UserRecord>> {
    sqlx::query_as::<_, UserRow>(
        "SELECT u.id, u.username, u.password_hash, u.role, u.display_name, u.region_code, u.employer_id, \
         (SELECT pa.producer_id FROM producer_accounts pa WHERE pa.user_id = u.id) AS producer_id \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(db.pool())
    .await
    .context("find session user")?
    .map(UserRow::decode)
    .transpose()
}

pub async fn delete_session(db: &Db, token_hash: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db.pool()).await.context("delete session")?;
    Ok(())
}
