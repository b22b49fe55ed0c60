//! `GET` and `PUT /api/v1/regions/{code}/priorities`: the assistance
//! categories a city or county favours in matching (rules in
//! `domain::priority`). Staff read the setting of a region that overlaps
//! their jurisdiction (a town's staff see their county's and city's) and
//! change the setting of a city or county they govern.

use actix_web::web;
use doorstep_shared::api::{PrioritiesRequest, PrioritiesResponse};
use doorstep_shared::types::RegionCode;

use crate::auth::StaffScope;
use crate::domain::{parse_priorities, PriorityTable};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::matcher::load_priorities;
use crate::reference::Regions;
use crate::storage::{replace_region_priorities, Db};

/// A region's favoured categories, and the setting that applies to the people living there.
#[utoipa::path(get, path = "/api/v1/regions/{code}/priorities", tag = "regions",
    params(("code" = String, Path, description = "region code")),
    responses((status = 200, body = PrioritiesResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, code = %path))]
pub async fn get_priorities(
    scope: StaffScope,
    path: web::Path<String>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<PrioritiesResponse>, ApiError> {
    let code = regions.read(|t| t.resolve(&path)).map_err(|_| ApiError::not_found("region"))?;
    if scope.narrow(Some(&code)).is_none() {
        return Err(ApiError::not_found("region"));
    }
    let table = load_priorities(&db).await?;
    Ok(web::Json(response(&code, &table, &regions)))
}

/// Replaces the favoured categories of a city or county the caller governs; audited.
#[utoipa::path(put, path = "/api/v1/regions/{code}/priorities", tag = "regions", request_body = PrioritiesRequest,
    params(("code" = String, Path, description = "region code of a city or county")),
    responses((status = 200, body = PrioritiesResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 404, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, code = %path))]
pub async fn put_priorities(
    scope: StaffScope,
    path: web::Path<String>,
    body: ApiJson<PrioritiesRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<PrioritiesResponse>, ApiError> {
    let code = regions.read(|t| t.resolve(&path)).map_err(|_| ApiError::not_found("region"))?;
    scope.ensure(&code, "code")?;
    let list = parse_priorities(code.level(), body.0)?;
    replace_region_priorities(&db, &code, &list, scope.user.id).await?;
    let table = load_priorities(&db).await?;
    Ok(web::Json(response(&code, &table, &regions)))
}

fn response(code: &RegionCode, table: &PriorityTable, regions: &Regions) -> PrioritiesResponse {
    let applying = table.applying_to(code);
    PrioritiesResponse {
        region_code: code.to_string(),
        region_name: regions.place_name(code.as_ref()),
        priorities: table.own(code).to_vec(),
        applies_from: applying.as_ref().map(|(region, _)| region.to_string()),
        applies_from_name: applying.as_ref().map(|(region, _)| regions.place_name(region.as_ref())),
        applied: applying.map(|(_, list)| list.to_vec()).unwrap_or_default(),
    }
}
