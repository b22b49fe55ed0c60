//! `POST /api/v1/match`: matches for anyone's stated profile; nothing stored.
//! A signed-in seeker with a record is favoured as their jurisdiction sets
//! (`domain::priority`) from their verified categories and registered home.

use actix_web::web;
use doorstep_shared::api::{MatchRequest, MatchResponse};

use super::profile::{match_item, profile_from_request};
use crate::auth::{AddressThrottle, ClientAddress, CurrentUser};
use crate::domain::Priority;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::matcher::{find_matches, load_priorities, Fill, Match};
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::{employer_names, get_person, linked_person_id, Db};

/// Best postings for a profile, with reasons; hard constraints never broken.
#[utoipa::path(post, path = "/api/v1/match", tag = "matching", request_body = MatchRequest,
    responses((status = 200, body = MatchResponse), (status = 422, body = doorstep_shared::api::ApiErrorBody), (status = 429, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
#[allow(clippy::too_many_arguments)]
pub async fn match_postings(
    address: ClientAddress,
    user: Option<CurrentUser>,
    body: ApiJson<MatchRequest>,
    throttle: web::Data<AddressThrottle>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<MatchResponse>, ApiError> {
    if !throttle.allow(address.0) {
        return Err(ApiError::rate_limited("too many match requests, wait a minute", 60));
    }
    let mut query = profile_from_request(&body.0, &regions, &skills)?;
    query.profile.priority = seeker_priority(user, &db).await?;
    let text = query.text(&body.0);
    let matches = find_matches(&index.into_inner(), &skills, &regions, &query.profile, text, query.limit, Fill::IfThin).await?;
    Ok(web::Json(MatchResponse { matches: with_employers(&db, &regions, matches).await?, unresolved: query.unresolved }))
}

/// What a signed-in seeker's record makes them favoured for; nothing for anyone else.
async fn seeker_priority(user: Option<CurrentUser>, db: &Db) -> Result<Option<Priority>, ApiError> {
    let Some(user) = user.filter(|u| u.role == doorstep_shared::api::Role::Seeker) else { return Ok(None) };
    let Some(person_id) = linked_person_id(db, user.id).await? else { return Ok(None) };
    let person = get_person(db, person_id).await?;
    Ok(load_priorities(db).await?.for_person(&person.home_region, &person.categories))
}

/// Attaches employer names (one query for the page).
pub async fn with_employers(db: &Db, regions: &Regions, matches: Vec<Match>) -> Result<Vec<doorstep_shared::api::MatchItem>, ApiError> {
    let mut ids: Vec<i64> = matches.iter().map(|m| m.posting.employer_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = employer_names(db, &ids).await?;
    Ok(matches
        .into_iter()
        .map(|m| {
            let name = names.get(&m.posting.employer_id).cloned().unwrap_or_default();
            match_item(m, name, regions)
        })
        .collect())
}
