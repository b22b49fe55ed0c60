//! `GET /api/v1/placements` and `GET /api/v1/placements/{id}`

use actix_web::web;
use doorstep_shared::api::{PlacementKind, PlacementPage, PlacementResponse};
use serde::Deserialize;

use super::placement_response;
use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{get_placement, list_placements, Db, StoredPlacement};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PlacementsQuery {
    /// Only nearby or only transfer placements.
    kind: Option<PlacementKind>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Placements of people in the caller's jurisdiction, newest first.
#[utoipa::path(get, path = "/api/v1/placements", tag = "placements", params(PlacementsQuery),
    responses((status = 200, body = PlacementPage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn list_placements_handler(scope: StaffScope, query: web::Query<PlacementsQuery>, db: web::Data<Db>) -> Result<web::Json<PlacementPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let (placements, total) = list_placements(&db, scope.prefix(), query.kind, paging.limit(), paging.offset()).await?;
    let items = placements.into_iter().map(placement_response).collect();
    Ok(web::Json(PlacementPage { items, total, page: paging.page, per_page: paging.per_page }))
}

/// One placement of a person in the caller's jurisdiction, with its follow-ups.
#[utoipa::path(get, path = "/api/v1/placements/{id}", tag = "placements",
    responses((status = 200, body = PlacementResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, placement_id = *path))]
pub async fn get_placement_handler(scope: StaffScope, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<PlacementResponse>, ApiError> {
    let placement = visible_placement(&scope, &db, *path).await?;
    Ok(web::Json(placement_response(placement)))
}

/// Loads a placement, answering "not found" for people outside the jurisdiction.
pub async fn visible_placement(scope: &StaffScope, db: &Db, id: i64) -> Result<StoredPlacement, ApiError> {
    let placement = get_placement(db, id).await?;
    if !scope.allows(&placement.row.person_region) {
        return Err(ApiError::not_found("placement"));
    }
    Ok(placement)
}
