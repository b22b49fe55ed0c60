//! Skill look-ups.

use actix_web::web;
use doorstep_shared::api::SkillResponse;
use serde::Deserialize;

use crate::reference::SkillCatalog;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SkillsQuery {
    /// Any part of a name or synonym, Chinese or English; empty lists all.
    q: Option<String>,
}

/// Finds skills by name or synonym ("做衣服" finds sewing).
#[utoipa::path(get, path = "/api/v1/skills", tag = "skills", params(SkillsQuery), responses((status = 200, body = Vec<SkillResponse>)))]
pub async fn list_skills(query: web::Query<SkillsQuery>, skills: web::Data<SkillCatalog>) -> web::Json<Vec<SkillResponse>> {
    let hits = skills.search(query.q.as_deref().unwrap_or(""));
    web::Json(hits.into_iter().map(|s| s.to_response()).collect())
}
