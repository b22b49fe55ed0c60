//! The people registry (`/api/v1/people`), for staff, and a seeker's own
//! profile (`/api/v1/me/profile`).

use doorstep_shared::api::{PeoplePage, PersonResponse, ProfileRequest};
use gloo_net::http::Request;

use super::client::{fetch_json, get_with, plain, with_json, ApiError};

/// The seeker's own person record; `ProfileMissing` until they fill it in.
pub async fn get_profile() -> Result<PersonResponse, ApiError> {
    fetch_json(plain(Request::get("/api/v1/me/profile"))?).await
}

/// Creates or updates the seeker's own person record.
pub async fn save_profile(request: &ProfileRequest) -> Result<PersonResponse, ApiError> {
    fetch_json(with_json(Request::put("/api/v1/me/profile"), request)?).await
}

/// People a picker shows at once; typing more of the name narrows the rest.
pub const PEOPLE_PER_PAGE: u32 = 10;

/// Finds people in the caller's jurisdiction by part of a name or a whole phone number.
pub async fn search_people(q: &str) -> Result<PeoplePage, ApiError> {
    fetch_json(get_with("/api/v1/people", &[("q", q.trim().to_string()), ("per_page", PEOPLE_PER_PAGE.to_string())])?).await
}
