//! Applications, placements, follow-ups and the push inbox
//! (`/api/v1/applications*`, `/api/v1/placements*`, `/api/v1/me/inbox`).

use doorstep_shared::api::{
    ApplicationPage, ApplicationRequest, ApplicationResponse, ApplicationStatus,
    ApplicationStatusRequest, FollowUpRequest, InboxResponse, PlacementPage,
};
use gloo_net::http::Request;

use super::client::{fetch_empty, fetch_json, get_with, plain, with_json, ApiError};

/// Applies to a posting (a seeker, as themselves) or refers a person (staff).
pub async fn apply(request: &ApplicationRequest) -> Result<ApplicationResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/applications"), request)?).await
}

/// Lists applications, newest first: a seeker's own, an employer's applicants,
/// or staff's jurisdiction; at most `per_page` (up to 100).
pub async fn list_applications(
    posting_id: Option<i64>,
    per_page: u32,
) -> Result<ApplicationPage, ApiError> {
    let query = [
        (
            "posting_id",
            posting_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("per_page", per_page.to_string()),
    ];
    fetch_json(get_with("/api/v1/applications", &query)?).await
}

/// Moves an application (interviewing, hired with start and wage, rejected, withdrawn).
/// Only success matters: the lists showing it are fetched again.
pub async fn set_application_status(
    id: i64,
    request: &ApplicationStatusRequest,
) -> Result<(), ApiError> {
    let url = format!("/api/v1/applications/{id}/status");
    fetch_empty(with_json(Request::post(&url), request)?).await
}

/// Convenience for the buttons that only change the status.
pub fn status_only(status: ApplicationStatus) -> ApplicationStatusRequest {
    ApplicationStatusRequest {
        status,
        start_date: None,
        monthly_wage: None,
        note: None,
    }
}

/// Lists placements in the caller's reach.
pub async fn list_placements() -> Result<PlacementPage, ApiError> {
    fetch_json(plain(Request::get("/api/v1/placements"))?).await
}

/// Records a retention follow-up on a placement.
/// Only success matters: the list is fetched again.
pub async fn add_follow_up(placement_id: i64, request: &FollowUpRequest) -> Result<(), ApiError> {
    let url = format!("/api/v1/placements/{placement_id}/follow-ups");
    fetch_empty(with_json(Request::post(&url), request)?).await
}

/// The seeker's pushed postings, newest first.
pub async fn inbox() -> Result<InboxResponse, ApiError> {
    fetch_json(plain(Request::get("/api/v1/me/inbox"))?).await
}
