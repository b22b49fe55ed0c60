//! `POST /api/v1/match`: matches for anyone's stated profile; nothing stored.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, MatchRequest, MatchResponse};

use super::profile::{match_item, profile_from_request};
use crate::auth::{AddressThrottle, ClientAddress};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::matcher::{find_matches, Fill, Match};
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::{employer_names, Db};

/// Best postings for a profile, with reasons; hard constraints never broken.
#[utoipa::path(post, path = "/api/v1/match", tag = "matching", request_body = MatchRequest,
    responses((status = 200, body = MatchResponse), (status = 422, body = doorstep_shared::api::ApiErrorBody), (status = 429, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn match_postings(
    address: ClientAddress,
    body: ApiJson<MatchRequest>,
    throttle: web::Data<AddressThrottle>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<MatchResponse>, ApiError> {
    if !throttle.allow(address.0) {
        return Err(ApiError::new(ErrorCode::RateLimited, "too many match requests, wait a minute"));
    }
    let (profile, limit) = profile_from_request(&body.0, &regions, &skills)?;
    let matches = find_matches(&index.into_inner(), &skills, &regions, &profile, body.0.text.clone(), limit, Fill::IfThin).await?;
    Ok(web::Json(MatchResponse { matches: with_employers(&db, matches).await? }))
}

/// Attaches employer names (one query for the page).
pub async fn with_employers(db: &Db, matches: Vec<Match>) -> Result<Vec<doorstep_shared::api::MatchItem>, ApiError> {
    let mut ids: Vec<i64> = matches.iter().map(|m| m.posting.employer_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = employer_names(db, &ids).await?;
    Ok(matches
        .into_iter()
        .map(|m| {
            let name = names.get(&m.posting.employer_id).cloned().unwrap_or_default();
            match_item(m, name)
        })
        .collect())
}
