//! The one place the server reads the wall clock: Unix seconds for stored
//! timestamps, and today's date in China for validity and follow-ups.
//! Everything below it (domain rules, storage) takes times as arguments or
//! calls these two functions, so there is one clock to reason about.

use std::time::{SystemTime, UNIX_EPOCH};

use doorstep_shared::types::Day;

/// Seconds since the Unix epoch: every timestamp we store.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Today in China (UTC+8).
pub fn today() -> Day {
    Day::in_china_at(now())
}
