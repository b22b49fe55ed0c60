//! Image processing off the async executor, a few uploads at a time: each
//! decode may hold up to 256 MiB and keeps a core busy, so a burst of uploads
//! waits here instead of exhausting memory or starving other requests.

use anyhow::Context;
use tokio::sync::Semaphore;

use super::{process, ProcessError, ProcessedImage};
use crate::telemetry::spawn_blocking_with_tracing;

/// Runs [`process`] on the blocking pool, at most `concurrent` at once.
pub struct ImageWork {
    permits: Semaphore,
}

impl ImageWork {
    pub fn new(concurrent: usize) -> Self {
        Self { permits: Semaphore::new(concurrent.max(1)) }
    }

    /// As many at once as the machine has cores (at most 4).
    pub fn for_this_machine() -> Self {
        Self::new(std::thread::available_parallelism().map_or(1, |n| n.get().min(4)))
    }

    #[tracing::instrument(skip_all, fields(bytes = bytes.len()))]
    pub async fn process(&self, bytes: Vec<u8>) -> Result<ProcessedImage, ProcessError> {
        let _permit = self.permits.acquire().await.context("image work is closed")?;
        spawn_blocking_with_tracing(move || process(&bytes)).await.context("image processing panicked")?
    }
}
