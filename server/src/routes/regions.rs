//! Region look-ups, point corrections and gazetteer uploads.

use actix_web::web;
use doorstep_shared::api::{RegionPointRequest, RegionPointsReport, RegionResponse};
use serde::Deserialize;

use crate::auth::StaffScope;
use crate::domain::given_point;
use crate::error::ApiError;
use crate::extract::{ApiJson, FileBody};
use crate::reference::Regions;
use crate::region_points::{import_region_points, set_region_points, ImportPointsError};
use crate::storage::Db;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct RegionsQuery {
    /// Parent code; without it, the provinces.
    parent: Option<String>,
}

/// Lists the children of a region.
#[utoipa::path(get, path = "/api/v1/regions", tag = "regions", params(RegionsQuery),
    responses((status = 200, body = Vec<RegionResponse>), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_regions(query: web::Query<RegionsQuery>, regions: web::Data<Regions>) -> Result<web::Json<Vec<RegionResponse>>, ApiError> {
    let children = regions.read(|tree| {
        let parent = match &query.parent {
            Some(raw) => Some(tree.resolve(raw).map_err(|e| ApiError::with_fields(doorstep_shared::api::ErrorCode::NotFound, e, &["parent"]))?),
            None => None,
        };
        Ok::<_, ApiError>(tree.children(parent.as_ref()).into_iter().map(|r| r.to_response()).collect())
    })?;
    Ok(web::Json(children))
}

/// One region.
#[utoipa::path(get, path = "/api/v1/regions/{code}", tag = "regions",
    responses((status = 200, body = RegionResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_region(path: web::Path<String>, regions: web::Data<Regions>) -> Result<web::Json<RegionResponse>, ApiError> {
    regions.read(|tree| {
        let code = tree.resolve(&path).map_err(|_| ApiError::not_found("region"))?;
        tree.get(&code).map(|r| web::Json(r.to_response())).ok_or_else(|| ApiError::not_found("region"))
    })
}

/// Corrects a region's point (staff, inside their jurisdiction).
#[utoipa::path(put, path = "/api/v1/regions/{code}/point", tag = "regions", request_body = RegionPointRequest,
    responses((status = 200, body = RegionResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn put_region_point(
    scope: StaffScope,
    path: web::Path<String>,
    body: ApiJson<RegionPointRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<RegionResponse>, ApiError> {
    let code = regions.read(|t| t.resolve(&path)).map_err(|_| ApiError::not_found("region"))?;
    scope.ensure(&code, "code")?;
    let RegionPointRequest { lat, lon, datum } = body.0;
    let point = given_point(lat, lon, datum).map_err(|(field, message)| ApiError::validation(field, message))?;
    set_region_points(&db, &regions, &[(code.clone(), point)]).await?;
    regions.read(|t| t.get(&code).map(|r| web::Json(r.to_response()))).ok_or_else(|| ApiError::not_found("region"))
}

/// Sets real points from a gazetteer (staff): the request body is the file
/// itself, CSV (UTF-8) or XLSX, with a header row naming the columns code,
/// lat, lon and datum (代码/区划代码, 纬度, 经度, 坐标系 are read too). Codes
/// may take any official form. Rows outside the caller's jurisdiction, with
/// unknown codes, implausible points or unknown datums are reported and left
/// out; the others are applied together and used at once.
#[utoipa::path(post, path = "/api/v1/region-points", tag = "regions",
    request_body(content = String, description = "the file: CSV (UTF-8) or XLSX, sent as the raw body", content_type = "text/csv"),
    responses((status = 200, body = RegionPointsReport), (status = 403, body = doorstep_shared::api::ApiErrorBody),
        (status = 413, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, bytes = body.0.len()))]
pub async fn upload_region_points(
    scope: StaffScope,
    body: FileBody,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<RegionPointsReport>, ApiError> {
    match import_region_points(&db, &regions, &body.0, |code| scope.allows(code)).await {
        Ok(report) => Ok(web::Json(report)),
        Err(ImportPointsError::File(message)) => Err(ApiError::validation("file", message)),
        Err(ImportPointsError::Unexpected(e)) => Err(e.into()),
    }
}
