//! `GET /api/v1/people` and `GET /api/v1/people/{id}`

use actix_web::web;
use doorstep_shared::api::{AssistanceCategory, ErrorCode, PeoplePage, PersonResponse};
use serde::Deserialize;

use super::convert::to_response;
use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::paging::Paging;
use crate::routes::skills::skill_filter;
use crate::storage::{get_person, list_people, Db, PeopleFilter, StoredPerson};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeopleQuery {
    /// Part of a name, or a whole phone number.
    q: Option<String>,
    /// Region code; results stay inside the caller's jurisdiction.
    region: Option<String>,
    /// Assistance category.
    category: Option<AssistanceCategory>,
    /// Skill code or name.
    skill: Option<String>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 200 (default 50).
    per_page: Option<u32>,
}

/// Lists people in the caller's jurisdiction, filtered.
#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(PeopleQuery),
    responses((status = 200, body = PeoplePage), (status = 400, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn list_people_handler(
    scope: StaffScope,
    query: web::Query<PeopleQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<PeoplePage>, ApiError> {
    let q = query.into_inner();
    let paging = Paging::parse(q.page, q.per_page, 50, 200)?;
    let (page, per_page) = (paging.page, paging.per_page);
    let asked = PeopleAsked { q: q.q.as_deref(), region: q.region.as_deref(), category: q.category, skill: q.skill.as_deref() };
    let Some(filter) = people_filter(&scope, &regions, &skills, &asked)? else {
        return Ok(web::Json(PeoplePage { items: Vec::new(), total: 0, page, per_page }));
    };
    let (people, total) = list_people(&db, &filter, paging.limit(), paging.offset()).await?;
    let items = people.iter().map(|p| to_response(p, &regions)).collect();
    Ok(web::Json(PeoplePage { items, total, page, per_page }))
}

/// The filters of a people list as asked, before parsing.
pub struct PeopleAsked<'a> {
    pub q: Option<&'a str>,
    pub region: Option<&'a str>,
    pub category: Option<AssistanceCategory>,
    pub skill: Option<&'a str>,
}

/// The storage filter of a people list (the JSON list and its export): the
/// jurisdiction narrowed by the region asked for; `None` when they do not overlap.
pub fn people_filter(scope: &StaffScope, regions: &Regions, skills: &SkillCatalog, asked: &PeopleAsked<'_>) -> Result<Option<PeopleFilter>, ApiError> {
    let requested = match asked.region {
        Some(raw) => Some(regions.read(|t| t.resolve(raw)).map_err(|e| ApiError::with_fields(ErrorCode::InvalidParameter, e, &["region"]))?),
        None => None,
    };
    let skill = match asked.skill {
        Some(raw) => Some(skill_filter(skills, raw)?),
        None => None,
    };
    let Some(region_prefix) = scope.narrow(requested.as_ref()) else {
        return Ok(None);
    };
    let text = asked.q.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    Ok(Some(PeopleFilter { region_prefix, category: asked.category, skill, text }))
}

/// One person in the caller's jurisdiction.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people",
    responses((status = 200, body = PersonResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn get_person_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<PersonResponse>, ApiError> {
    let person = visible_person(&scope, &db, *path).await?;
    Ok(web::Json(to_response(&person, &regions)))
}

/// Loads a person, answering "not found" for people outside the jurisdiction
/// so their existence does not leak.
pub async fn visible_person(scope: &StaffScope, db: &Db, id: i64) -> Result<StoredPerson, ApiError> {
    let person = get_person(db, id).await?;
    if !scope.allows(&person.home_region) {
        return Err(ApiError::not_found("person"));
    }
    Ok(person)
}
