//! `POST /api/v1/producers/{id}/products` and `PATCH /api/v1/products/{id}`.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{Product, ProductRequest, ProductUpdate};

use super::{images_of, managed_product, product_response};
use crate::auth::CurrentUser;
use crate::domain::{apply_product_update, parse_product, product_to_request};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::routes::producers::managed_producer;
use crate::search::ProductIndex;
use crate::storage::{get_product, insert_product, update_product, Db};

/// Adds a draft product to a producer the caller acts for.
#[utoipa::path(post, path = "/api/v1/producers/{id}/products", tag = "sales", request_body = ProductRequest,
    responses((status = 201, body = Product), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, producer_id = *path))]
pub async fn create_product(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<ProductRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<HttpResponse, ApiError> {
    let producer = managed_producer(&user, &db, *path).await?;
    let draft = regions.read(|tree| parse_product(body.0, &producer.content.region, tree)).map_err(ApiError::from)?;
    let id = insert_product(&db, producer.id, &draft, user.id).await?;
    products.changed.notify_one();
    Ok(HttpResponse::Created().json(product_response(&get_product(&db, id).await?, Vec::new(), &regions)))
}

/// Changes a product's description, price, unit or origin (not its stock).
#[utoipa::path(patch, path = "/api/v1/products/{id}", tag = "sales", request_body = ProductUpdate,
    responses((status = 200, body = Product), (status = 404, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, product_id = *path))]
pub async fn update_product_handler(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<ProductUpdate>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Product>, ApiError> {
    let current = managed_product(&user, &db, *path).await?;
    let merged = apply_product_update(product_to_request(&current.content), body.0);
    let draft = regions.read(|tree| parse_product(merged, &current.producer_region, tree)).map_err(ApiError::from)?;
    update_product(&db, current.id, &draft, user.id).await?;
    products.changed.notify_one();
    Ok(web::Json(product_response(&get_product(&db, current.id).await?, images_of(&db, current.id).await?, &regions)))
}
