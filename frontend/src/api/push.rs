//! The push as a job (`/api/v1/push*`): start one, follow it, list recent ones.

use doorstep_shared::api::{PushJob, PushJobPage, PushRequest, PushSmsTally};
use gloo_net::http::Request;

use super::client::{fetch_json, get_with, paging, plain, with_json, ApiError};

/// Push jobs per page.
pub const PUSH_JOBS_PER_PAGE: u32 = 10;

/// Starts a push for the caller's jurisdiction (or a region inside it); answers at once.
pub async fn start_push(request: &PushRequest) -> Result<PushJob, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/push"), request)?).await
}

/// One push job's progress.
pub async fn push_job(id: i64) -> Result<PushJob, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/push/{id}")))?).await
}

/// Recent push jobs in the caller's jurisdiction, newest first.
pub async fn push_jobs(page: u32) -> Result<PushJobPage, ApiError> {
    fetch_json(get_with("/api/v1/push", &paging(page, PUSH_JOBS_PER_PAGE))?).await
}

/// Where a push job's SMS stand: sent, waiting, held by the daily cap, failed, skipped.
pub async fn push_sms_tally(id: i64) -> Result<PushSmsTally, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/push/{id}/sms")))?).await
}
