//! Applications, placements, follow-ups and the push inbox
//! (`/api/v1/applications*`, `/api/v1/placements*`, `/api/v1/me/inbox`).

use doorstep_shared::api::{
    ApplicationPage, ApplicationRequest, ApplicationResponse, ApplicationStatus, ApplicationStatusRequest, FollowUpRequest, InboxResponse, PlacementPage,
};
use gloo_net::http::Request;

use super::client::{fetch_empty, fetch_json, get_with, paging, with_json, ApiError};

/// Applies to a posting (a seeker, as themselves) or refers a person (staff).
pub async fn apply(request: &ApplicationRequest) -> Result<ApplicationResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/applications"), request)?).await
}

/// Applications per page in lists.
pub const APPLICATIONS_PER_PAGE: u32 = 20;

/// Lists applications, one page of `per_page` (up to 100), newest first: a
/// seeker's own, an employer's applicants, or staff's jurisdiction.
pub async fn list_applications(posting_id: Option<i64>, page: u32, per_page: u32) -> Result<ApplicationPage, ApiError> {
    let query =
        [("posting_id", posting_id.map(|id| id.to_string()).unwrap_or_default()), ("page", page.max(1).to_string()), ("per_page", per_page.to_string())];
    fetch_json(get_with("/api/v1/applications", &query)?).await
}

/// Moves an application (interviewing, hired with start and wage, rejected, withdrawn).
/// Only success matters: the lists showing it are fetched again.
pub async fn set_application_status(id: i64, request: &ApplicationStatusRequest) -> Result<(), ApiError> {
    let url = format!("/api/v1/applications/{id}/status");
    fetch_empty(with_json(Request::post(&url), request)?).await
}

/// Convenience for the buttons that only change the status.
pub fn status_only(status: ApplicationStatus) -> ApplicationStatusRequest {
    ApplicationStatusRequest { status, start_date: None, monthly_wage: None, note: None }
}

/// Placements per page.
pub const PLACEMENTS_PER_PAGE: u32 = 20;

/// Lists placements in the caller's reach, newest first, one page.
pub async fn list_placements(page: u32) -> Result<PlacementPage, ApiError> {
    fetch_json(get_with("/api/v1/placements", &paging(page, PLACEMENTS_PER_PAGE))?).await
}

/// Records a retention follow-up on a placement.
/// Only success matters: the list is fetched again.
pub async fn add_follow_up(placement_id: i64, request: &FollowUpRequest) -> Result<(), ApiError> {
    let url = format!("/api/v1/placements/{placement_id}/follow-ups");
    fetch_empty(with_json(Request::post(&url), request)?).await
}

/// Inbox items per page.
pub const INBOX_PER_PAGE: u32 = 20;

/// The seeker's pushed postings, newest first, one page.
pub async fn inbox(page: u32) -> Result<InboxResponse, ApiError> {
    fetch_json(get_with("/api/v1/me/inbox", &paging(page, INBOX_PER_PAGE))?).await
}
