//! `GET /api/v1/placements/export`: the placements of `GET /api/v1/placements`
//! (the same filter, the same storage list, the same response rows) as XLSX
//! or CSV, every page of it, with each person's ID-card number. Always
//! audited; numbers masked unless `full_ids=true` is asked by staff who may see them.

use actix_web::{web, HttpRequest, HttpResponse};
use doorstep_shared::api::PlacementKind;
use serde::Deserialize;

use super::lists::{every_page, id_numbers};
use super::{send, stamp, ExportAudit, ExportFormat, ExportResponses};
use crate::auth::StaffScope;
use crate::crypto::IdVault;
use crate::error::ApiError;
use crate::export::placements_report;
use crate::extract::ApiQuery;
use crate::reference::Regions;
use crate::routes::placements::placement_response;
use crate::storage::{list_placements, sealed_id_numbers, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PlacementsExportQuery {
    /// `xlsx` (default) or `csv` (UTF-8 with BOM).
    format: Option<String>,
    /// `placements` (default) or `about` for the 说明 sheet alone.
    sheet: Option<String>,
    /// Full ID-card numbers instead of masked ones: civil-affairs staff only, audited.
    full_ids: Option<bool>,
    /// Only nearby or only transfer placements.
    kind: Option<PlacementKind>,
}

/// Every placement of people in the caller's jurisdiction, newest first, as a spreadsheet.
#[utoipa::path(get, path = "/api/v1/placements/export", tag = "placements", params(PlacementsExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_placements(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(query): ApiQuery<PlacementsExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    vault: web::Data<IdVault>,
) -> Result<HttpResponse, ApiError> {
    let format = ExportFormat::parse(query.format.as_deref())?;
    let ids = id_numbers(&scope, query.full_ids, &vault)?;
    let placements = every_page(|limit, offset| list_placements(&db, scope.prefix(), query.kind, limit, offset), "kind").await?;
    let person_ids: Vec<i64> = placements.iter().map(|p| p.row.person_id).collect();
    let sealed = sealed_id_numbers(&db, &person_ids).await?;
    let mut rows = Vec::with_capacity(placements.len());
    for p in placements {
        let id = sealed.get(&p.row.person_id).ok_or_else(|| anyhow::anyhow!("person {} of placement {} is gone", p.row.person_id, p.row.id))?;
        let shown = ids.show(&id.masked, &id.cipher)?;
        rows.push((placement_response(p), shown));
    }
    let report = placements_report(&rows, scope.jurisdiction().and_then(|r| regions.reference(r.as_ref())), stamp(&scope));
    let audit = ExportAudit { entity: "placement", full_ids: ids.full(), query: req.query_string() };
    send(report, format, query.sheet.as_deref(), &scope, &db, audit).await
}
