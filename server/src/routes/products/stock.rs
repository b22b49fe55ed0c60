//! `POST /api/v1/products/{id}/stock`: add or remove units.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, Product, StockChange};

use super::{images_of, managed_product, product_response};
use crate::auth::CurrentUser;
use crate::domain::MAX_STOCK;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::search::ProductIndex;
use crate::storage::{change_stock, get_product, Db, ProductWrite};

/// Adds units (a harvest came in) or removes them (spoilt, sold elsewhere);
/// stock never goes below zero, and orders placed meanwhile are kept.
#[utoipa::path(post, path = "/api/v1/products/{id}/stock", tag = "sales", request_body = StockChange,
    responses((status = 200, body = Product), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, product_id = *path))]
pub async fn change_stock_handler(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<StockChange>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Product>, ApiError> {
    let product = managed_product(&user, &db, *path).await?;
    let change = body.0.change;
    if change == 0 || i64::from(product.content.stock).saturating_add(change) > i64::from(MAX_STOCK) {
        return Err(ApiError::validation("change", format!("change must be non-zero and keep stock at most {MAX_STOCK}")));
    }
    if let ProductWrite::Short(left) = change_stock(&db, product.id, change, user.id).await? {
        return Err(ApiError::with_fields(ErrorCode::OutOfStock, format!("only {left} units are in stock"), &["change"]));
    }
    products.changed.notify_one();
    Ok(web::Json(product_response(&get_product(&db, product.id).await?, images_of(&db, product.id).await?, &regions)))
}
