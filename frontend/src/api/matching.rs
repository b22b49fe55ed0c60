//! Matching (`POST /api/v1/match`): the best postings for a profile, with reasons.

use doorstep_shared::api::{MatchRequest, MatchResponse};
use gloo_net::http::Request;

use super::client::{fetch_json, with_json, ApiError};

/// Finds postings that fit the profile.
pub async fn match_postings(request: &MatchRequest) -> Result<MatchResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/match"), request)?).await
}
