//! `GET /api/v1/follow-ups/export`: the follow-up worklist of `GET /api/v1/follow-ups`
//! (the same filter, the same tasks) as XLSX or CSV, every page of it. Names
//! people: always audited.

use actix_web::{web, HttpRequest, HttpResponse};
use doorstep_shared::api::FollowUpState;
use serde::Deserialize;

use super::{send, stamp, ExportAudit, ExportFormat, ExportResponses};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::error::ApiError;
use crate::export::follow_ups_report;
use crate::extract::ApiQuery;
use crate::reference::Regions;
use crate::routes::figures::figure_region;
use crate::routes::placements::{follow_up_tasks, Worklist};
use crate::storage::Db;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FollowUpsExportQuery {
    /// `xlsx` (default) or `csv` (UTF-8 with BOM).
    format: Option<String>,
    /// `follow_ups` (default) or `about` for the 说明 sheet alone.
    sheet: Option<String>,
    /// Only follow-ups in this state (default: due and overdue together).
    state: Option<FollowUpState>,
    /// Only people living in this region, inside the jurisdiction (default: all of it).
    region: Option<String>,
}

/// The follow-ups owed in the caller's jurisdiction, earliest due first, as a spreadsheet.
#[utoipa::path(get, path = "/api/v1/follow-ups/export", tag = "placements", params(FollowUpsExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_follow_ups(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(query): ApiQuery<FollowUpsExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let format = ExportFormat::parse(query.format.as_deref())?;
    let region = figure_region(&scope, &regions, query.region.as_deref())?;
    let Worklist { tasks, .. } = follow_up_tasks(&db, &regions, region.as_ref(), query.state, today()).await?;
    let report = follow_ups_report(&tasks, region.and_then(|r| regions.reference(r.as_ref())), stamp(&scope));
    let audit = ExportAudit { entity: "follow_up", full_ids: false, query: req.query_string() };
    send(report, format, query.sheet.as_deref(), &scope, &db, audit).await
}
