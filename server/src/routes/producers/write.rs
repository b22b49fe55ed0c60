//! `POST /api/v1/producers` and `PATCH /api/v1/producers/{id}`.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{Producer, ProducerRequest, ProducerUpdate};

use super::{governed_producer, producer_response};
use crate::auth::StaffScope;
use crate::domain::{apply_producer_update, parse_producer, producer_to_request, ProducerDraft};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::search::ProductIndex;
use crate::storage::{get_producer, insert_producer, people_homes, producer_beneficiaries, update_producer, Db};

/// Refuses beneficiaries who are not registered, or live outside the caller's jurisdiction.
async fn check_beneficiaries(scope: &StaffScope, db: &Db, draft: &ProducerDraft) -> Result<(), ApiError> {
    let ids: Vec<i64> = draft.beneficiaries.iter().map(|(p, _)| *p).collect();
    let homes = people_homes(db, &ids).await?;
    for (i, id) in ids.iter().enumerate() {
        let field = format!("beneficiaries[{i}].person_id");
        match homes.get(id) {
            Some(home) if scope.allows(home) => {}
            // Someone outside the jurisdiction is as unknown as nobody.
            _ => return Err(ApiError::validation(&field, format!("person {id} is not registered in your jurisdiction"))),
        }
    }
    Ok(())
}

/// Registers a producer in a region the caller governs (staff, admin); it
/// starts pending, to be verified.
#[utoipa::path(post, path = "/api/v1/producers", tag = "sales", request_body = ProducerRequest,
    responses((status = 201, body = Producer), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn create_producer(
    scope: StaffScope,
    body: ApiJson<ProducerRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<HttpResponse, ApiError> {
    let draft = regions.read(|tree| parse_producer(body.0, tree)).map_err(ApiError::from)?;
    scope.ensure(&draft.region, "region_code")?;
    check_beneficiaries(&scope, &db, &draft).await?;
    let id = insert_producer(&db, &draft, scope.user.id).await?;
    let beneficiaries = producer_beneficiaries(&db, id).await?;
    Ok(HttpResponse::Created().json(producer_response(&get_producer(&db, id).await?, Some(&beneficiaries), &regions)))
}

/// Changes a producer; its region stays inside the caller's jurisdiction.
#[utoipa::path(patch, path = "/api/v1/producers/{id}", tag = "sales", request_body = ProducerUpdate,
    responses((status = 200, body = Producer), (status = 404, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, producer_id = *path))]
pub async fn update_producer_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<ProducerUpdate>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Producer>, ApiError> {
    let id = *path;
    let current = governed_producer(&scope, &db, id).await?;
    let merged = apply_producer_update(producer_to_request(&current.content), body.0);
    let draft = regions.read(|tree| parse_producer(merged, tree)).map_err(ApiError::from)?;
    scope.ensure(&draft.region, "region_code")?;
    check_beneficiaries(&scope, &db, &draft).await?;
    update_producer(&db, id, &draft, scope.user.id).await?;
    // Its products carry its name.
    products.changed.notify_one();
    let beneficiaries = producer_beneficiaries(&db, id).await?;
    Ok(web::Json(producer_response(&get_producer(&db, id).await?, Some(&beneficiaries), &regions)))
}
