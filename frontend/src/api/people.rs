//! The people registry (`/api/v1/people`), for staff.

use doorstep_shared::api::PeoplePage;

use super::client::{fetch_json, get_with, ApiError};

/// Finds people in the caller's jurisdiction by part of a name or a whole phone number.
pub async fn search_people(q: &str) -> Result<PeoplePage, ApiError> {
    fetch_json(get_with(
        "/api/v1/people",
        &[("q", q.trim().to_string()), ("per_page", "20".to_string())],
    )?)
    .await
}
