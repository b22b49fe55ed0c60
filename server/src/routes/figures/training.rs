//! `GET /api/v1/training/figures`: enrolments, completions and certificates
//! of a region and period, broken down, and certified people placed within
//! six months (`crate::figures::training_figures`).

use actix_web::web;
use doorstep_shared::api::TrainingFigures;

use super::{figure_region, FiguresQuery};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::ReportPeriod;
use crate::error::ApiError;
use crate::figures::training_figures;
use crate::reference::Regions;
use crate::storage::Db;

/// Training figures of a region in the caller's jurisdiction, counted where the sessions were held.
#[utoipa::path(get, path = "/api/v1/training/figures", tag = "training", params(FiguresQuery),
    responses((status = 200, body = TrainingFigures),
        (status = 403, body = doorstep_shared::api::ApiErrorBody, description = "not staff, or `region` outside the jurisdiction"),
        (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "a bad month or period, or an unknown region")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn training_figures_handler(
    scope: StaffScope,
    query: web::Query<FiguresQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<TrainingFigures>, ApiError> {
    let q = query.into_inner();
    let period = ReportPeriod::parse(q.from.as_deref(), q.to.as_deref(), today())?;
    let region = figure_region(&scope, &regions, q.region.as_deref())?;
    Ok(web::Json(training_figures(&db, &regions, region.as_ref(), period).await?))
}
