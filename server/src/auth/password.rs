//! Argon2id password hashes, computed on the blocking pool, at most one per
//! CPU at a time: each takes 19 MiB, so a flood of logins from many addresses
//! queues here instead of growing memory with the blocking pool (512 threads).

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use tokio::sync::Semaphore;

use crate::telemetry::spawn_blocking_with_tracing;

/// Hashes running now; sized to the CPUs on first use.
fn hashing() -> &'static Semaphore {
    static HASHING: std::sync::OnceLock<Semaphore> = std::sync::OnceLock::new();
    HASHING.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())))
}

/// Longer usernames are refused before any limiter or lookup sees them.
pub const MAX_USERNAME_CHARS: usize = 64;

/// Hashes with argon2id and the crate's default (OWASP) parameters.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    let _permit = hashing().acquire().await.context("hashing closed")?;
    spawn_blocking_with_tracing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))
    })
    .await
    .context("hashing task failed")?
}

/// Checks a password; with no stored hash it still spends the time of a real
/// check, so response time does not tell which usernames exist.
pub async fn verify_password(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    let _permit = hashing().acquire().await.context("hashing closed")?;
    spawn_blocking_with_tracing(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash is malformed: {e}"))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && stored != DUMMY_HASH)
    })
    .await
    .context("verification task failed")?
}

// The argon2id hash of a random string nobody knows, with default parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$gZiV/M1gPc22ElAH/Jh1Hw$CWOrkoo7oJBQ/iyh7uJ0LO2aLEfrHwTWllSAxT0zRno";
