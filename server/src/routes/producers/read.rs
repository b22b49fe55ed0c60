//! `GET /api/v1/producers` and `GET /api/v1/producers/{id}`.

use actix_web::web;
use doorstep_shared::api::{Producer, ProducerPage, ProducerStatus};
use serde::Deserialize;

use super::{acts_for, producer_response, visible_producer};
use crate::auth::{CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::storage::{list_producers, producer_beneficiaries, Db, ProducerFilter};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProducersQuery {
    /// Only producers in this status (staff; everyone else sees verified ones only).
    status: Option<ProducerStatus>,
    /// Part of the name.
    name: Option<String>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Producers, newest first: for staff those of their jurisdiction in any
/// status; for everyone else the verified ones.
#[utoipa::path(get, path = "/api/v1/producers", tag = "sales", params(ProducersQuery),
    responses((status = 200, body = ProducerPage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_producers_handler(
    scope: Option<StaffScope>,
    query: web::Query<ProducersQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<ProducerPage>, ApiError> {
    let q = query.into_inner();
    let paging = Paging::parse(q.page, q.per_page, 20, 100)?;
    let filter = match &scope {
        Some(scope) => ProducerFilter { region_prefix: scope.prefix().to_string(), status: q.status, name: q.name },
        None if q.status.is_none_or(|s| s == ProducerStatus::Verified) => {
            ProducerFilter { region_prefix: String::new(), status: Some(ProducerStatus::Verified), name: q.name }
        }
        None => return Err(ApiError::forbidden("only staff list producers that are not verified")),
    };
    let (producers, total) = list_producers(&db, &filter, paging.limit(), paging.offset()).await?;
    let items = producers.iter().map(|p| producer_response(p, None, &regions)).map(|mut p| {
        p.managed = scope.is_some();
        p
    });
    Ok(web::Json(ProducerPage { items: items.collect(), total: total as u64, page: paging.page, per_page: paging.per_page }))
}

/// One producer: verified ones for everyone; others for those who act for
/// it, who also see its households.
#[utoipa::path(get, path = "/api/v1/producers/{id}", tag = "sales",
    responses((status = 200, body = Producer), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_producer_handler(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<Producer>, ApiError> {
    let producer = visible_producer(user.as_ref(), &db, *path).await?;
    let beneficiaries = if acts_for(user.as_ref(), &producer) { Some(producer_beneficiaries(&db, producer.id).await?) } else { None };
    Ok(web::Json(producer_response(&producer, beneficiaries.as_deref(), &regions)))
}
