//! `POST /api/v1/producers/{id}/accounts`: staff link a user account to a
//! producer, so a household member or a co-op's clerk manages its products
//! and orders from their own phone.

use actix_web::web;
use doorstep_shared::api::{Producer, ProducerAccountRequest, Role};

use super::{governed_producer, producer_response};
use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::storage::{find_user_by_username, get_producer, link_producer_account, producer_beneficiaries, Db};

/// Links a seeker or employer account to the producer (replacing any link it had).
#[utoipa::path(post, path = "/api/v1/producers/{id}/accounts", tag = "sales", request_body = ProducerAccountRequest,
    responses((status = 200, body = Producer), (status = 404, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, producer_id = *path))]
pub async fn link_producer_account_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<ProducerAccountRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<Producer>, ApiError> {
    let producer = governed_producer(&scope, &db, *path).await?;
    let user = find_user_by_username(&db, body.0.username.trim())
        .await?
        .ok_or_else(|| ApiError::validation("username", format!("no account is called {}", body.0.username.trim())))?;
    if !matches!(user.role, Role::Seeker | Role::Employer) {
        return Err(ApiError::validation("username", "only seeker and employer accounts act for a producer"));
    }
    link_producer_account(&db, producer.id, user.id, scope.user.id).await?;
    let beneficiaries = producer_beneficiaries(&db, producer.id).await?;
    Ok(web::Json(producer_response(&get_producer(&db, producer.id).await?, Some(&beneficiaries), &regions)))
}
