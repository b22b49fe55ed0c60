//! Argon2id password hashes, computed on a few threads of their own, one per
//! CPU. Each hash takes a 19 MiB block; the allocator keeps freed blocks in
//! the heap of the thread that used them, so hashing on the blocking pool (up
//! to 512 threads, each soon with a heap of its own) left a login flood's
//! server at 0.9–1.3 GB. On these threads the memory stays at a few blocks,
//! and a flood queues here instead.

use std::sync::mpsc::{channel, Sender};
use std::sync::{Mutex, OnceLock};

use anyhow::Context;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::oneshot;
use tracing::Span;

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads' queue, started on first use.
fn hashers() -> &'static Sender<Job> {
    static HASHERS: OnceLock<Sender<Job>> = OnceLock::new();
    HASHERS.get_or_init(|| {
        let (jobs, queue) = channel::<Job>();
        let queue = std::sync::Arc::new(Mutex::new(queue));
        for n in 0..std::thread::available_parallelism().map_or(2, |n| n.get()) {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    // The lock is held only while taking a job, not while running it.
                    let job = queue.lock().map_err(|_| ()).and_then(|q| q.recv().map_err(|_| ()));
                    match job {
                        Ok(job) => job(),
                        Err(()) => return,
                    }
                })
                .expect("spawn a hashing thread");
        }
        jobs
    })
}

/// Runs `f` on a hashing thread, inside the caller's tracing span.
async fn on_hasher<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> anyhow::Result<R> {
    let (done, answer) = oneshot::channel();
    let span = Span::current();
    let job: Job = Box::new(move || {
        let _ = done.send(span.in_scope(f));
    });
    hashers().send(job).map_err(|_| anyhow::anyhow!("the hashing threads are gone"))?;
    answer.await.context("a hashing thread dropped its job")
}

/// Longer usernames are refused before any limiter or lookup sees them.
pub const MAX_USERNAME_CHARS: usize = 64;

/// Hashes with argon2id and the crate's default (OWASP) parameters.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    on_hasher(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| anyhow::anyhow!("cannot hash password: {e}"))
    })
    .await?
}

/// Checks a password; with no stored hash it still spends the time of a real
/// check, so response time does not tell which usernames exist.
pub async fn verify_password(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    on_hasher(move || {
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
        let parsed = PasswordHash::new(&stored).map_err(|e| anyhow::anyhow!("stored hash is malformed: {e}"))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok() && stored != DUMMY_HASH)
    })
    .await?
}

// The argon2id hash of a random string nobody knows, with default parameters.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$gZiV/M1gPc22ElAH/Jh1Hw$CWOrkoo7oJBQ/iyh7uJ0LO2aLEfrHwTWllSAxT0zRno";
