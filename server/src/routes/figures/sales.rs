//! `GET /api/v1/sales/figures`: the income delivered orders brought to the
//! households of a region in a period, broken down (`crate::figures::sales_figures`).

use actix_web::web;
use doorstep_shared::api::SalesFigures;

use super::{figure_region, FiguresQuery};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::ReportPeriod;
use crate::error::ApiError;
use crate::figures::sales_figures;
use crate::reference::Regions;
use crate::storage::Db;

/// Sales figures of a region in the caller's jurisdiction: income counted where the households live.
#[utoipa::path(get, path = "/api/v1/sales/figures", tag = "sales", params(FiguresQuery),
    responses((status = 200, body = SalesFigures),
        (status = 403, body = doorstep_shared::api::ApiErrorBody, description = "not staff, or `region` outside the jurisdiction"),
        (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "a bad month or period, or an unknown region")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn sales_figures_handler(
    scope: StaffScope,
    query: web::Query<FiguresQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<SalesFigures>, ApiError> {
    let q = query.into_inner();
    let period = ReportPeriod::parse(q.from.as_deref(), q.to.as_deref(), today())?;
    let region = figure_region(&scope, &regions, q.region.as_deref())?;
    Ok(web::Json(sales_figures(&db, &regions, region.as_ref(), period).await?))
}
