//! `GET /api/v1/products/{id}` and `GET /api/v1/producers/{id}/products`.

use actix_web::web;
use doorstep_shared::api::{Product, ProductPage, ProductStatus};
use serde::Deserialize;

use super::{images_of, images_of_products, product_response, visible_product};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::routes::producers::managed_producer;
use crate::storage::{producer_products, Db};

/// One product: on sale for everyone, any status for those who manage it.
#[utoipa::path(get, path = "/api/v1/products/{id}", tag = "sales",
    responses((status = 200, body = Product), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_product_handler(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<Product>, ApiError> {
    let product = visible_product(user.as_ref(), &db, *path).await?;
    Ok(web::Json(product_response(&product, images_of(&db, product.id).await?, &regions)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProducerProductsQuery {
    /// Only products in this status.
    status: Option<ProductStatus>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// A producer's products in every status, newest first, for those who act
/// for it (buyers search `GET /api/v1/products?producer_id=`).
#[utoipa::path(get, path = "/api/v1/producers/{id}/products", tag = "sales", params(ProducerProductsQuery),
    responses((status = 200, body = ProductPage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn producer_products_handler(
    user: CurrentUser,
    path: web::Path<i64>,
    query: web::Query<ProducerProductsQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<ProductPage>, ApiError> {
    let producer = managed_producer(&user, &db, *path).await?;
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let (products, total) = producer_products(&db, producer.id, query.status, paging.limit(), paging.offset()).await?;
    let mut images = images_of_products(&db, &products.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
    let items = products.iter().map(|p| product_response(p, images.remove(&p.id).unwrap_or_default(), &regions)).collect();
    Ok(web::Json(ProductPage { items, total: total as u64, page: paging.page, per_page: paging.per_page }))
}
