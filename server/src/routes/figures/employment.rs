//! `GET /api/v1/employment/figures`: the bureau's employment results for a
//! region and period (`crate::figures::employment_figures`), and
//! `GET /api/v1/employment/records`: the records behind any one of them.

use actix_web::web;
use doorstep_shared::api::{AssistanceCategory, EmploymentFigures, EmploymentMeasure, EmploymentRecord, EmploymentRecordPage};
use doorstep_shared::types::YearMonth;
use serde::Deserialize;

use super::{figure_region, FiguresQuery};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::ReportPeriod;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::figures::{employment_figures, employment_window, region_ref};
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::storage::{employment_records, Db, EmploymentRow, EmploymentWindow};

/// Employment figures of a region in the caller's jurisdiction, counted where the people lived.
#[utoipa::path(get, path = "/api/v1/employment/figures", tag = "figures", params(FiguresQuery),
    responses((status = 200, body = EmploymentFigures),
        (status = 403, body = doorstep_shared::api::ApiErrorBody, description = "not staff, or `region` outside the jurisdiction"),
        (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "a bad month or period, or an unknown region")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn employment_figures_handler(
    scope: StaffScope,
    query: web::Query<FiguresQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<EmploymentFigures>, ApiError> {
    let q = query.into_inner();
    let today = today();
    let period = ReportPeriod::parse(q.from.as_deref(), q.to.as_deref(), today)?;
    let region = figure_region(&scope, &regions, q.region.as_deref())?;
    Ok(web::Json(employment_figures(&db, &regions, region.as_ref(), period, today).await?))
}

/// Which figure to list, and which slice of it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RecordsQuery {
    /// The measure whose records to list.
    pub measure: String,
    /// First month, `YYYY-MM` (default: eleven months before `to`).
    pub from: Option<String>,
    /// Last month, inclusive, `YYYY-MM` (default: this month).
    pub to: Option<String>,
    /// Region code in any official form, inside the caller's jurisdiction (default: all of it).
    pub region: Option<String>,
    /// Only the records of this area (a region inside `region`): a bar of `by_area`.
    pub area: Option<String>,
    /// Only the records of this month, `YYYY-MM`: a bar of `by_month`.
    pub month: Option<String>,
    /// Only people of this verified category, or `none` for people with none: a bar of `by_category`.
    pub category: Option<String>,
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Page size, 1 to 200 (default 50).
    pub per_page: Option<u32>,
}

impl RecordsQuery {
    /// The filter part of the query.
    pub fn slice(&self) -> RecordsSlice<'_> {
        RecordsSlice {
            measure: &self.measure,
            from: self.from.as_deref(),
            to: self.to.as_deref(),
            region: self.region.as_deref(),
            area: self.area.as_deref(),
            month: self.month.as_deref(),
            category: self.category.as_deref(),
        }
    }
}

/// Which records: a measure, a period and region, and optionally one bar (area, month or category).
pub struct RecordsSlice<'a> {
    pub measure: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub region: Option<&'a str>,
    pub area: Option<&'a str>,
    pub month: Option<&'a str>,
    pub category: Option<&'a str>,
}

/// Checks a records filter against the caller's jurisdiction, naming the field at fault.
pub fn records_filter(scope: &StaffScope, regions: &Regions, q: &RecordsSlice<'_>) -> Result<(EmploymentMeasure, EmploymentWindow), ApiError> {
    let measure = EmploymentMeasure::parse(q.measure).ok_or_else(|| ApiError::validation("measure", format!("unknown measure {:?}", q.measure)))?;
    let period = ReportPeriod::parse(q.from, q.to, today())?;
    let region = figure_region(scope, regions, q.region)?;
    let mut window = employment_window(region.as_ref(), &period);
    if let Some(raw) = q.area {
        let area = regions.read(|t| t.resolve(raw)).map_err(|e| ApiError::validation("area", e))?;
        scope.ensure(&area, "area")?;
        if region.as_ref().is_some_and(|r| !r.contains(&area)) {
            return Err(ApiError::validation("area", format!("{raw} is not inside the region counted")));
        }
        window.area = Some(area);
    }
    window.month = q.month.map(YearMonth::parse).transpose().map_err(|e| ApiError::validation("month", e))?;
    window.category = match q.category {
        None => None,
        Some("none") => Some(None),
        Some(raw) => Some(Some(AssistanceCategory::parse(raw).ok_or_else(|| ApiError::validation("category", format!("unknown category {raw:?}")))?)),
    };
    Ok((measure, window))
}

/// The records behind one employment figure (or one bar of it), newest first.
#[utoipa::path(get, path = "/api/v1/employment/records", tag = "figures", params(RecordsQuery),
    responses((status = 200, body = EmploymentRecordPage),
        (status = 400, body = doorstep_shared::api::ApiErrorBody, description = "a bad page"),
        (status = 403, body = doorstep_shared::api::ApiErrorBody, description = "not staff, or `region` or `area` outside the jurisdiction"),
        (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "an unknown measure, category, month or region")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn employment_records_handler(
    scope: StaffScope,
    query: ApiQuery<RecordsQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<EmploymentRecordPage>, ApiError> {
    let q = query.0;
    let paging = Paging::parse(q.page, q.per_page, 50, 200)?;
    let (measure, window) = records_filter(&scope, &regions, &q.slice())?;
    let (rows, total) = employment_records(&db, measure, &window, paging.limit(), paging.offset()).await?;
    let items = rows.into_iter().map(|r| employment_record(&regions, r)).collect();
    Ok(web::Json(EmploymentRecordPage { items, total, page: paging.page, per_page: paging.per_page }))
}

/// A record behind a figure, for the wire (and the export).
pub fn employment_record(regions: &Regions, r: EmploymentRow) -> EmploymentRecord {
    EmploymentRecord {
        region: region_ref(regions, &r.home),
        person_id: r.person_id,
        name: r.name,
        id_number_masked: r.id_masked,
        day: r.day,
        posting_id: r.posting_id,
        posting_title: r.posting_title,
        employer: r.employer,
        kind: r.kind,
        monthly_wage: r.wage,
    }
}
