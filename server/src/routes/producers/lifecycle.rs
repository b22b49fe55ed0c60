//! Producer moves by staff: verify, suspend.

use actix_web::web;
use doorstep_shared::api::Producer;

use super::{governed_producer, producer_response};
use crate::auth::StaffScope;
use crate::domain::{check_producer_move, ProducerMove, StatusRefusal};
use crate::error::{status_refusal, ApiError};
use crate::reference::Regions;
use crate::search::ProductIndex;
use crate::storage::{get_producer, producer_beneficiaries, set_producer_status, Db, ProducerWrite};

async fn apply_move(m: ProducerMove, scope: StaffScope, id: i64, db: &Db, regions: &Regions, products: &ProductIndex) -> Result<web::Json<Producer>, ApiError> {
    let producer = governed_producer(&scope, db, id).await?;
    let to = check_producer_move(m, producer.status).map_err(status_refusal)?;
    if let ProducerWrite::Moved(now) = set_producer_status(db, id, m.from(), to, scope.user.id).await? {
        return Err(status_refusal(StatusRefusal::Illegal { from: now.as_str(), to: to.as_str() }));
    }
    // Its products appear or leave with it.
    products.changed.notify_one();
    let beneficiaries = producer_beneficiaries(db, id).await?;
    Ok(web::Json(producer_response(&get_producer(db, id).await?, Some(&beneficiaries), regions)))
}

/// Verifies a producer: its products can be listed and sold.
#[utoipa::path(post, path = "/api/v1/producers/{id}/verify", tag = "sales",
    responses((status = 200, body = Producer), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn verify_producer(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Producer>, ApiError> {
    apply_move(ProducerMove::Verify, scope, *path, &db, &regions, &products).await
}

/// Suspends a producer: its products are no longer shown or sold.
#[utoipa::path(post, path = "/api/v1/producers/{id}/suspend", tag = "sales",
    responses((status = 200, body = Producer), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn suspend_producer(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Producer>, ApiError> {
    apply_move(ProducerMove::Suspend, scope, *path, &db, &regions, &products).await
}
