//! Sign-up codes: one live code per phone, stored hashed with its expiry and
//! the tries spent on it, written together with the SMS that carries it.

use anyhow::Context;

use super::{queue_sign_up_sms, Db};

/// A code to store and the SMS that brings it to the phone.
pub struct NewRegistrationCode<'a> {
    pub phone: &'a str,
    pub code_hash: &'a str,
    pub expires_at: i64,
    pub message: &'a str,
    pub now: i64,
}

/// Replaces the phone's code (tries back to zero), forgets expired ones and
/// queues the SMS, in one transaction.
pub async fn insert_registration_code(db: &Db, c: &NewRegistrationCode<'_>) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query("DELETE FROM registration_codes WHERE expires_at <= $1").bind(c.now).execute(&mut *tx).await.context("forget expired codes")?;
    sqlx::query(
        "INSERT INTO registration_codes (phone, code_hash, expires_at, attempts, created_at) VALUES ($1, $2, $3, 0, $4) \
         ON CONFLICT (phone) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, \
         attempts = 0, created_at = excluded.created_at",
    )
    .bind(c.phone)
    .bind(c.code_hash)
    .bind(c.expires_at)
    .bind(c.now)
    .execute(&mut *tx)
    .await
    .context("store registration code")?;
    queue_sign_up_sms(&mut tx, c.phone, c.message, c.now).await?;
    tx.commit().await.context("commit registration code")?;
    Ok(())
}

/// Queues an SMS about sign-up that carries no code.
pub async fn insert_registration_notice(db: &Db, phone: &str, message: &str, now: i64) -> anyhow::Result<()> {
    let mut conn = db.pool().acquire().await.context("connection")?;
    queue_sign_up_sms(&mut conn, phone, message, now).await
}

/// Spends one try of the phone's live code and answers its hash; `None` when
/// there is no code, it has expired or its tries are used up. One statement,
/// so concurrent guesses cannot share a try.
pub async fn spend_registration_try(db: &Db, phone: &str, now: i64, max_tries: i64) -> anyhow::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "UPDATE registration_codes SET attempts = attempts + 1 \
         WHERE phone = $1 AND expires_at > $2 AND attempts < $3 RETURNING code_hash",
    )
    .bind(phone)
    .bind(now)
    .bind(max_tries)
    .fetch_optional(db.pool())
    .await
    .context("spend registration try")?;
    Ok(row.map(|(hash,)| hash))
}

/// Uses the code up; false when another request used it first.
pub async fn delete_registration_code(db: &Db, phone: &str, code_hash: &str) -> anyhow::Result<bool> {
    let done = sqlx::query("DELETE FROM registration_codes WHERE phone = $1 AND code_hash = $2")
        .bind(phone)
        .bind(code_hash)
        .execute(db.pool())
        .await
        .context("use registration code")?;
    Ok(done.rows_affected() == 1)
}
