//! Employers: registered by staff, read by staff and by their own users.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{EmployerPage, EmployerRequest, EmployerResponse};
use doorstep_shared::types::Phone;
use serde::Deserialize;

use crate::auth::{manages_employer, CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::storage::{get_employer, insert_employer, list_employers, Db, EmployerRecord, NewEmployer};

fn to_response(row: EmployerRecord) -> EmployerResponse {
    EmployerResponse {
        id: row.id,
        name: row.name,
        kind: row.kind,
        region_code: row.region_code.to_string(),
        contact_name: row.contact_name,
        contact_phone: row.contact_phone,
    }
}

/// Registers an employer in the caller's jurisdiction.
#[utoipa::path(post, path = "/api/v1/employers", tag = "employers", request_body = EmployerRequest,
    responses((status = 201, body = EmployerResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn create_employer(
    scope: StaffScope,
    body: ApiJson<EmployerRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::validation("name", "name must have 1 to 100 characters"));
    }
    let contact_name = req.contact_name.trim();
    if contact_name.is_empty() || contact_name.chars().count() > 50 {
        return Err(ApiError::validation("contact_name", "contact_name must have 1 to 50 characters"));
    }
    let phone = Phone::parse(&req.contact_phone).map_err(|e| ApiError::validation("contact_phone", e))?;
    let region = regions.read(|t| t.resolve_local(&req.region_code)).map_err(|e| ApiError::validation("region_code", e))?;
    scope.ensure(&region, "region_code")?;
    let row = insert_employer(&db, &NewEmployer { name, kind: req.kind, region_code: region.as_ref(), contact_name, contact_phone: phone.as_ref() }).await?;
    Ok(HttpResponse::Created().json(to_response(row)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct EmployersQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 200 (default 50).
    per_page: Option<u32>,
}

/// Lists employers in the caller's jurisdiction.
#[utoipa::path(get, path = "/api/v1/employers", tag = "employers", params(EmployersQuery), responses((status = 200, body = EmployerPage)))]
pub async fn list_employers_handler(scope: StaffScope, query: web::Query<EmployersQuery>, db: web::Data<Db>) -> Result<web::Json<EmployerPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 50, 200)?;
    let (rows, total) = list_employers(&db, scope.prefix(), paging.limit(), paging.offset()).await?;
    let items = rows.into_iter().map(to_response).collect();
    Ok(web::Json(EmployerPage { items, total, page: paging.page, per_page: paging.per_page }))
}

/// One employer: staff in jurisdiction, admin, or the employer's own users.
#[utoipa::path(get, path = "/api/v1/employers/{id}", tag = "employers",
    responses((status = 200, body = EmployerResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_employer_handler(user: CurrentUser, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<EmployerResponse>, ApiError> {
    let row = get_employer(&db, *path).await?;
    if !manages_employer(&user, row.id, &row.region_code) {
        return Err(ApiError::not_found("employer"));
    }
    Ok(web::Json(to_response(row)))
}
