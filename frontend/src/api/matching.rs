//! Matching (`POST /api/v1/match`): the best postings for a profile, with
//! reasons; and inviting a suggested candidate to apply.

use doorstep_shared::api::{InvitationRequest, InvitationResponse, MatchRequest, MatchResponse};
use gloo_net::http::Request;

use super::client::{fetch_json, with_json, ApiError};

/// Finds postings that fit the profile.
pub async fn match_postings(request: &MatchRequest) -> Result<MatchResponse, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/match"), request)?).await
}

/// Invites a suggested candidate to apply to a posting; it lands in their inbox.
pub async fn invite_candidate(posting_id: i64, person_id: i64) -> Result<InvitationResponse, ApiError> {
    let url = format!("/api/v1/postings/{posting_id}/invitations");
    fetch_json(with_json(Request::post(&url), &InvitationRequest { person_id })?).await
}
