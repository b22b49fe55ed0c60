//! Product moves: list, delist.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, Product};

use super::{images_of, managed_product, product_response};
use crate::auth::CurrentUser;
use crate::domain::{check_product_move, ProductMove, StatusRefusal};
use crate::error::{status_refusal, ApiError};
use crate::reference::Regions;
use crate::search::ProductIndex;
use crate::storage::{get_product, set_product_status, Db, ProductWrite};

async fn apply_move(m: ProductMove, user: CurrentUser, id: i64, db: &Db, regions: &Regions, products: &ProductIndex) -> Result<web::Json<Product>, ApiError> {
    let product = managed_product(&user, db, id).await?;
    let to = check_product_move(m, product.status, product.producer_status).map_err(|r| match r {
        StatusRefusal::NotEditable { status } => ApiError::new(ErrorCode::ProducerNotVerified, format!("the producer is {status}, not verified")),
        r => status_refusal(r),
    })?;
    if let ProductWrite::Moved(now) = set_product_status(db, id, m.from(), to, user.id).await? {
        return Err(status_refusal(StatusRefusal::Illegal { from: now.as_str(), to: to.as_str() }));
    }
    products.changed.notify_one();
    Ok(web::Json(product_response(&get_product(db, id).await?, images_of(db, id).await?, regions)))
}

/// Lists a product: buyers find and order it (sold out while it has no stock).
#[utoipa::path(post, path = "/api/v1/products/{id}/list", tag = "sales",
    responses((status = 200, body = Product), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_product(
    user: CurrentUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Product>, ApiError> {
    apply_move(ProductMove::List, user, *path, &db, &regions, &products).await
}

/// Takes a product off sale.
#[utoipa::path(post, path = "/api/v1/products/{id}/delist", tag = "sales",
    responses((status = 200, body = Product), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn delist_product(
    user: CurrentUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Product>, ApiError> {
    apply_move(ProductMove::Delist, user, *path, &db, &regions, &products).await
}
