//! Region look-ups and point corrections.

use actix_web::web;
use doorstep_shared::api::{RegionPointRequest, RegionResponse};
use serde::Deserialize;

use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::storage::{update_region_point, Db};

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
    let RegionPointRequest { lat, lon } = body.0;
    // China lies within these bounds; a swapped lat/lon lands outside them.
    if !(3.0..=54.0).contains(&lat) {
        return Err(ApiError::validation("lat", "lat must be between 3 and 54 (china)"));
    }
    if !(73.0..=136.0).contains(&lon) {
        return Err(ApiError::validation("lon", "lon must be between 73 and 136 (china)"));
    }
    update_region_point(&db, code.as_ref(), lat, lon).await?;
    let updated = regions.write(|t| {
        t.set_point(&code, lat, lon);
        t.get(&code).map(|r| r.to_response())
    });
    updated.map(web::Json).ok_or_else(|| ApiError::not_found("region"))
}
