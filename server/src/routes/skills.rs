//! Skill look-ups.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, SkillResponse};
use doorstep_shared::types::SkillCode;
use serde::Deserialize;

use crate::domain::{resolve_skill, FieldErrors};
use crate::error::ApiError;
use crate::reference::SkillCatalog;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SkillsQuery {
    /// A word, Chinese or English (a name, synonym, occupation, or part of one); empty lists all.
    q: Option<String>,
}

/// Finds skills by name, synonym or occupation, best first ("做衣服" finds sewing): the
/// search the skill resolver uses for words that are not exact names.
#[utoipa::path(get, path = "/api/v1/skills", tag = "skills", params(SkillsQuery), responses((status = 200, body = Vec<SkillResponse>)))]
pub async fn list_skills(query: web::Query<SkillsQuery>, skills: web::Data<SkillCatalog>) -> web::Json<Vec<SkillResponse>> {
    let hits = skills.search(query.q.as_deref().unwrap_or(""));
    web::Json(hits.into_iter().map(|s| s.to_response()).collect())
}

/// The `skill` filter of a list (`?skill=`): one word through the one
/// resolver; a word that does not resolve is a 400 naming `skill`, with
/// suggestions.
pub fn skill_filter(catalog: &SkillCatalog, raw: &str) -> Result<SkillCode, ApiError> {
    let mut errors = FieldErrors::default();
    resolve_skill(catalog, raw, "skill", &mut errors).ok_or_else(|| ApiError::fields_refused(ErrorCode::InvalidParameter, errors))
}
