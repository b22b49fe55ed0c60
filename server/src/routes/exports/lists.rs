//! What the exports of lists share: every page of a storage list, within a
//! bound, and the ID-card numbers to show.

use std::future::Future;

use crate::auth::StaffScope;
use crate::crypto::IdVault;
use crate::error::ApiError;
use crate::export::IdNumbers;

/// The most rows one list export carries (a city's people in need are about 10^5).
pub const MAX_EXPORT_ROWS: i64 = 100_000;

/// Rows read per storage call.
const PAGE: i64 = 2_000;

/// Every row of a paged storage list (`page(limit, offset)` answers rows and
/// the total); more than `MAX_EXPORT_ROWS` is refused, naming `field`, the
/// filter to narrow.
pub async fn every_page<T, F, Fut>(mut page: F, field: &str) -> Result<Vec<T>, ApiError>
where
    F: FnMut(i64, i64) -> Fut,
    Fut: Future<Output = anyhow::Result<(Vec<T>, i64)>>,
{
    let mut all: Vec<T> = Vec::new();
    loop {
        let offset = i64::try_from(all.len()).unwrap_or(i64::MAX);
        let (rows, total) = page(PAGE, offset).await?;
        if total > MAX_EXPORT_ROWS {
            return Err(ApiError::validation(field, format!("{total} rows match; an export carries at most {MAX_EXPORT_ROWS}: narrow the filter")));
        }
        let short = i64::try_from(rows.len()).unwrap_or(0) < PAGE;
        all.extend(rows);
        if short || i64::try_from(all.len()).unwrap_or(i64::MAX) >= total {
            return Ok(all);
        }
    }
}

/// Masked numbers, or full ones when asked for (`full_ids`) by someone who may have them.
pub fn id_numbers<'a>(scope: &StaffScope, full_ids: Option<bool>, vault: &'a IdVault) -> Result<IdNumbers<'a>, ApiError> {
    if full_ids != Some(true) {
        return Ok(IdNumbers::Masked);
    }
    scope.ensure_full_ids("full_ids")?;
    Ok(IdNumbers::Full(vault))
}
