//! `GET /api/v1/employment/figures/export`, `GET /api/v1/training/figures/export` and `GET /api/v1/sales/figures/export`:
//! the figures of the JSON routes (the same services, the same DTOs) as XLSX
//! or CSV. Sales income by household names people: exporting it is audited.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::{send, stamp, ExportAudit, ExportFormat, ExportResponses};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::ReportPeriod;
use crate::error::ApiError;
use crate::export::{employment_report, sales_report, training_report};
use crate::extract::ApiQuery;
use crate::figures::{employment_figures, sales_figures, training_figures};
use crate::reference::Regions;
use crate::routes::figures::figure_region;
use crate::storage::Db;

/// A figures export: the period and region of the JSON route, and the file.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FiguresExportQuery {
    /// `xlsx` (default: the 说明 sheet, then one sheet per breakdown) or `csv` (one sheet, UTF-8 with BOM).
    pub format: Option<String>,
    /// One breakdown by key, for example `summary`, `by_area` or `enrolments_by_month`, or `about` for the
    /// 说明 sheet alone; CSV carries the first breakdown by default. An unknown key is refused, listing the keys.
    pub sheet: Option<String>,
    /// First month, `YYYY-MM` (default: eleven months before `to`).
    pub from: Option<String>,
    /// Last month, inclusive, `YYYY-MM` (default: this month); at most 120 months in all.
    pub to: Option<String>,
    /// Region code in any official form, inside the caller's jurisdiction (default: all of it).
    pub region: Option<String>,
}

impl FiguresExportQuery {
    /// The format, period and region asked for, checked against the jurisdiction.
    fn parse(&self, scope: &StaffScope, regions: &Regions) -> Result<(ExportFormat, ReportPeriod, Option<doorstep_shared::types::RegionCode>), ApiError> {
        let format = ExportFormat::parse(self.format.as_deref())?;
        let period = ReportPeriod::parse(self.from.as_deref(), self.to.as_deref(), today())?;
        Ok((format, period, figure_region(scope, regions, self.region.as_deref())?))
    }
}

/// The employment figures of `GET /api/v1/employment/figures` as a spreadsheet.
#[utoipa::path(get, path = "/api/v1/employment/figures/export", tag = "figures", params(FiguresExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_employment_figures(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(query): ApiQuery<FiguresExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let (format, period, region) = query.parse(&scope, &regions)?;
    let figures = employment_figures(&db, &regions, region.as_ref(), period, today()).await?;
    let audit = ExportAudit { entity: "employment_figures", full_ids: false, query: req.query_string() };
    send(employment_report(&figures, stamp(&scope)), format, query.sheet.as_deref(), &scope, &db, audit).await
}

/// The training figures of `GET /api/v1/training/figures` as a spreadsheet.
#[utoipa::path(get, path = "/api/v1/training/figures/export", tag = "training", params(FiguresExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_training_figures(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(query): ApiQuery<FiguresExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let (format, period, region) = query.parse(&scope, &regions)?;
    let figures = training_figures(&db, &regions, region.as_ref(), period).await?;
    let audit = ExportAudit { entity: "training_figures", full_ids: false, query: req.query_string() };
    send(training_report(&figures, stamp(&scope)), format, query.sheet.as_deref(), &scope, &db, audit).await
}

/// The sales figures of `GET /api/v1/sales/figures` as a spreadsheet; one with income by household is audited.
#[utoipa::path(get, path = "/api/v1/sales/figures/export", tag = "sales", params(FiguresExportQuery), responses(ExportResponses))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn export_sales_figures(
    req: HttpRequest,
    scope: StaffScope,
    ApiQuery(query): ApiQuery<FiguresExportQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let (format, period, region) = query.parse(&scope, &regions)?;
    let figures = sales_figures(&db, &regions, region.as_ref(), period).await?;
    let audit = ExportAudit { entity: "sales_household", full_ids: false, query: req.query_string() };
    send(sales_report(&figures, stamp(&scope)), format, query.sheet.as_deref(), &scope, &db, audit).await
}
