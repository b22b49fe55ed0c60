//! `GET /api/v1/people/export`: the people list of `GET /api/v1/people`
//! (the same filters, the same storage list, the same response rows) as XLSX
//! or CSV, every page of it. Always audited; ID numbers masked unless
//! `full_ids=true` is asked by staff who may see them.

use actix_web::{web, HttpRequest, HttpResponse};
use doorstep_shared::api::{AssistanceCategory, ErrorCode};
use serde::Deserialize;

use super::lists::{every_page, id_numbers};
use super::{send, stamp, ExportAudit, ExportFormat, ExportResponses};
use crate::auth::StaffScope;
use crate::crypto::IdVault;
use crate::error::ApiError;
use crate::export::people_report;
use crate::extract::ApiQuery;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::people::{people_filter, to_response, PeopleAsked};
use crate::storage::{list_people, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PeopleExportQuery {
    /// `xlsx` (default) or `csv` (UTF-8 with BOM).
    format: Option<String>,
    /// `people` (default) or `about` for the 说明 sheet alone.
    sheet: Option<String>,
    /// Full ID-card numbers instead of masked ones: civil-affairs staff only, audited.
    full_ids: Option<bool>,
    /// Part of a name, or a whole phone number.
    q: Option<String>,
    /// Region code; it must overlap the caller's jurisdiction.
    region: Option<String>,
    /// Assistance category.
    category: Option<AssistanceCategory>,
    /// Skill code or name.
    skill: Option<String>,
}

/// Every person in the caller's jurisdiction matching the filters, as a spreadsheet.
#[utoipa::path(get, path = "/api/v1/people/export", tag = "people", params(PeopleExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_people(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(query): ApiQuery<PeopleExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    vault: web::Data<IdVault>,
) -> Result<HttpResponse, ApiError> {
    let format = ExportFormat::parse(query.format.as_deref())?;
    let ids = id_numbers(&scope, query.full_ids, &vault)?;
    let asked = PeopleAsked { q: query.q.as_deref(), region: query.region.as_deref(), category: query.category, skill: query.skill.as_deref() };
    let Some(filter) = people_filter(&scope, &regions, &skills, &asked)? else {
        return Err(ApiError::with_fields(ErrorCode::Forbidden, "the region is outside your jurisdiction", &["region"]));
    };
    let people = every_page(|limit, offset| list_people(&db, &filter, limit, offset), "region").await?;
    let mut rows = Vec::with_capacity(people.len());
    for p in &people {
        rows.push((to_response(p, &regions), ids.show(&p.id_masked, &p.id_cipher)?));
    }
    let report = people_report(&rows, &skills, regions.reference(&filter.region_prefix), stamp(&scope));
    let audit = ExportAudit { entity: "person", full_ids: ids.full(), query: req.query_string() };
    send(report, format, query.sheet.as_deref(), &scope, &db, audit).await
}
