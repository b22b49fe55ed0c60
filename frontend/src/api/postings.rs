//! Job postings (`/api/v1/postings*`): search, read, create, review, close, candidates.

use doorstep_shared::api::{CandidatesResponse, PostingPage, PostingRequest, PostingResponse, PostingStatus, ReviewRequest, Schedule};
use gloo_net::http::Request;

use super::client::{fetch_json, get_with, plain, with_json, ApiError};

/// The filters of a job search, as the search page keeps them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostingSearch {
    /// Words, Chinese or English.
    pub q: String,
    /// County or town code; empty for anywhere.
    pub region: String,
    /// Only this working pattern.
    pub schedule: Option<Schedule>,
    /// Only postings paying at least this much a month.
    pub min_wage: Option<u32>,
    /// Only accessible workplaces.
    pub accessible: bool,
    /// Page number from 1.
    pub page: u32,
}

/// Results per page: few, so a page loads fast on slow mobile data.
pub const PER_PAGE: u32 = 10;

/// Searches open postings.
pub async fn search_postings(search: &PostingSearch) -> Result<PostingPage, ApiError> {
    let query = [
        ("q", search.q.trim().to_string()),
        ("region", search.region.clone()),
        ("schedule", search.schedule.map(|s| s.as_str().to_string()).unwrap_or_default()),
        ("min_wage", search.min_wage.map(|w| w.to_string()).unwrap_or_default()),
        ("accessible", if search.accessible { "true".into() } else { String::new() }),
        ("page", search.page.max(1).to_string()),
        ("per_page", PER_PAGE.to_string()),
    ];
    fetch_json(get_with("/api/v1/postings", &query)?).await
}

/// Reads one posting.
pub async fn get_posting(id: i64) -> Result<PostingResponse, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/postings/{id}")))?).await
}

/// Creates a posting; it starts pending review.
pub async fn create_posting(request: &PostingRequest) -> Result<PostingResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/postings"), request)?).await
}

/// Managed postings per page; a picker shows the first of them.
pub const MANAGED_PER_PAGE: u32 = 20;

/// Lists the postings the caller manages: an employer's own, or staff's review queue;
/// `title` narrows to titles containing it.
pub async fn managed_postings(status: Option<PostingStatus>, title: &str, page: u32) -> Result<PostingPage, ApiError> {
    let query = [
        ("status", status.map(|s| s.as_str().to_string()).unwrap_or_default()),
        ("q", title.trim().to_string()),
        ("page", page.max(1).to_string()),
        ("per_page", MANAGED_PER_PAGE.to_string()),
    ];
    fetch_json(get_with("/api/v1/postings/managed", &query)?).await
}

/// Approves a pending posting (staff).
pub async fn approve_posting(id: i64) -> Result<PostingResponse, ApiError> {
    let url = format!("/api/v1/postings/{id}/approve");
    fetch_json(with_json(Request::post(&url), &ReviewRequest::default())?).await
}

/// Rejects a pending posting with a reason (staff).
pub async fn reject_posting(id: i64, reason: String) -> Result<PostingResponse, ApiError> {
    let url = format!("/api/v1/postings/{id}/reject");
    fetch_json(with_json(Request::post(&url), &ReviewRequest { reason: Some(reason) })?).await
}

/// Stops recruiting on a posting.
pub async fn close_posting(id: i64) -> Result<PostingResponse, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/postings/{id}/close")))?).await
}

/// People who fit a posting, best first.
pub async fn posting_candidates(id: i64) -> Result<CandidatesResponse, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/postings/{id}/candidates")))?).await
}
