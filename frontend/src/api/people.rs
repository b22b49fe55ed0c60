//! The people registry (`/api/v1/people`), for staff.

use doorstep_shared::api::PeoplePage;

use super::client::{fetch_json, get_with, ApiError};

/// People a picker shows at once; typing more of the name narrows the rest.
pub const PEOPLE_PER_PAGE: u32 = 10;

/// Finds people in the caller's jurisdiction by part of a name or a whole phone number.
pub async fn search_people(q: &str) -> Result<PeoplePage, ApiError> {
    fetch_json(get_with(
        "/api/v1/people",
        &[
            ("q", q.trim().to_string()),
            ("per_page", PEOPLE_PER_PAGE.to_string()),
        ],
    )?)
    .await
}
