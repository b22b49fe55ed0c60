//! `GET /api/v1/people/{id}/matches`: matches for a registered person (staff).

use actix_web::web;
use doorstep_shared::api::{ErrorCode, MatchResponse};
use serde::Deserialize;

use super::open::with_employers;
use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::matcher::{find_matches, load_priorities, profile_of, Fill};
use crate::reference::{Regions, SkillCatalog};
use crate::routes::people::visible_person;
use crate::search::PostingIndex;
use crate::storage::Db;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct LimitQuery {
    /// Matches to return, 1 to 100 (default 10).
    limit: Option<u32>,
}

/// The person's best postings from their registered skills and preferences.
#[utoipa::path(get, path = "/api/v1/people/{id}/matches", tag = "matching", params(LimitQuery),
    responses((status = 200, body = MatchResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn person_matches(
    scope: StaffScope,
    path: web::Path<i64>,
    query: web::Query<LimitQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<MatchResponse>, ApiError> {
    let limit = query.limit.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(ApiError::with_fields(ErrorCode::InvalidParameter, "limit must be 1 to 100", &["limit"]));
    }
    let person = visible_person(&scope, &db, *path).await?;
    let priorities = load_priorities(&db).await?;
    let profile = profile_of(&person, &regions, &priorities).map_err(anyhow::Error::new)?;
    let matches = find_matches(&index.into_inner(), &skills, &regions, &profile, None, limit as usize, Fill::IfThin).await?;
    Ok(web::Json(MatchResponse { matches: with_employers(&db, &regions, matches).await?, unresolved: Vec::new() }))
}
