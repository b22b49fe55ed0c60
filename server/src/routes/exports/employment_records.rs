//! `GET /api/v1/employment/records/export`: the records behind an employment
//! figure (`GET /api/v1/employment/records`: the same filter, the same rows)
//! as XLSX or CSV, every page of them, with each person's ID-card number.
//! Always audited; numbers masked unless `full_ids=true` is asked by staff who may see them.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::lists::{every_page, id_numbers};
use super::{send, stamp, ExportAudit, ExportFormat, ExportResponses};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::crypto::IdVault;
use crate::domain::ReportPeriod;
use crate::error::ApiError;
use crate::export::employment_records_report;
use crate::extract::ApiQuery;
use crate::reference::Regions;
use crate::routes::figures::{employment_record, records_filter, RecordsSlice};
use crate::storage::{employment_records, sealed_id_numbers, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RecordsExportQuery {
    /// `xlsx` (default) or `csv` (UTF-8 with BOM).
    format: Option<String>,
    /// `records` (default) or `about` for the 说明 sheet alone.
    sheet: Option<String>,
    /// Full ID-card numbers instead of masked ones: civil-affairs staff only, audited.
    full_ids: Option<bool>,
    /// The measure whose records to list.
    measure: String,
    /// First month, `YYYY-MM` (default: eleven months before `to`).
    from: Option<String>,
    /// Last month, inclusive, `YYYY-MM` (default: this month).
    to: Option<String>,
    /// Region code in any official form, inside the caller's jurisdiction (default: all of it).
    region: Option<String>,
    /// Only the records of this area (a region inside `region`).
    area: Option<String>,
    /// Only the records of this month, `YYYY-MM`.
    month: Option<String>,
    /// Only people of this verified category, or `none`.
    category: Option<String>,
}

/// The records behind one employment figure (or one bar of it), newest first, as a spreadsheet.
#[utoipa::path(get, path = "/api/v1/employment/records/export", tag = "figures", params(RecordsExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_employment_records(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(q): ApiQuery<RecordsExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    vault: web::Data<IdVault>,
) -> Result<HttpResponse, ApiError> {
    let format = ExportFormat::parse(q.format.as_deref())?;
    let ids = id_numbers(&scope, q.full_ids, &vault)?;
    let slice = RecordsSlice {
        measure: &q.measure,
        from: q.from.as_deref(),
        to: q.to.as_deref(),
        region: q.region.as_deref(),
        area: q.area.as_deref(),
        month: q.month.as_deref(),
        category: q.category.as_deref(),
    };
    let (measure, window) = records_filter(&scope, &regions, &slice)?;
    let period = ReportPeriod::parse(q.from.as_deref(), q.to.as_deref(), today())?;
    let rows = every_page(|limit, offset| employment_records(&db, measure, &window, limit, offset), "measure").await?;
    let person_ids: Vec<i64> = rows.iter().map(|r| r.person_id).collect();
    let sealed = sealed_id_numbers(&db, &person_ids).await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let id = sealed.get(&row.person_id).ok_or_else(|| anyhow::anyhow!("person {} of a {measure:?} record is gone", row.person_id))?;
        let shown = ids.show(&id.masked, &id.cipher)?;
        records.push((employment_record(&regions, row), shown));
    }
    let jurisdiction = regions.reference(&window.region_prefix);
    let report = employment_records_report(measure, &records, (period.from, period.to), jurisdiction, stamp(&scope));
    let audit = ExportAudit { entity: "employment_record", full_ids: ids.full(), query: req.query_string() };
    send(report, format, q.sheet.as_deref(), &scope, &db, audit).await
}
