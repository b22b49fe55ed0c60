//! `POST /api/v1/products/{id}/images` and `DELETE /api/v1/products/{id}/images/{position}`:
//! a product's up to four images, changed by those who manage it; and the
//! images of products as the API shows them.

use std::collections::HashMap;

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ErrorCode, Product, ProductImage};

use super::{managed_product, product_response};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::extract::ImageBody;
use crate::images::{ImageStore, ImageWork, ProcessError};
use crate::reference::Regions;
use crate::routes::images::product_image_response;
use crate::storage::{attach_product_image, get_product, insert_image, product_images, remove_product_image, Db, ImageAttach, MAX_PRODUCT_IMAGES};

/// Adds an image after the product's others. The body is the file itself,
/// sent as it is with any Content-Type: JPEG, PNG, WebP or GIF (told from its
/// bytes), at most 8 MiB and 8000 pixels a side. It is stored re-encoded as a
/// JPEG display image (longest side 1024 px) and thumbnail (320 px), with any
/// EXIF or other metadata gone. The same picture again changes nothing.
#[utoipa::path(post, path = "/api/v1/products/{id}/images", tag = "sales",
    request_body(content = Vec<u8>, description = "the image file itself", content_type = "application/octet-stream"),
    responses((status = 201, body = Product), (status = 403, body = doorstep_shared::api::ApiErrorBody),
        (status = 409, description = "the product already has four images", body = doorstep_shared::api::ApiErrorBody),
        (status = 413, body = doorstep_shared::api::ApiErrorBody),
        (status = 422, description = "not an image in a format we take, unreadable, or too many pixels", body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, product_id = *path, bytes = body.0.len()))]
pub async fn upload_product_image(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ImageBody,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    store: web::Data<ImageStore>,
    work: web::Data<ImageWork>,
) -> Result<HttpResponse, ApiError> {
    let product = managed_product(&user, &db, *path).await?;
    // Spare the decoding when the answer is known; the attach below decides for certain.
    if images_of(&db, product.id).await?.len() >= usize::from(MAX_PRODUCT_IMAGES) {
        return Err(too_many_images());
    }
    let image = work.process(body.0).await?;
    store.put(&image.hash, &image.display, &image.thumb).await?;
    insert_image(&db, &image, user.id).await?;
    if attach_product_image(&db, product.id, &image.hash, user.id).await? == ImageAttach::Full {
        return Err(too_many_images());
    }
    let images = images_of(&db, product.id).await?;
    Ok(HttpResponse::Created().json(product_response(&get_product(&db, product.id).await?, images, &regions)))
}

/// Takes an image off a product; the images after it move up one place.
#[utoipa::path(delete, path = "/api/v1/products/{id}/images/{position}", tag = "sales",
    params(("id" = i64, Path, description = "the product"), ("position" = u8, Path, description = "0 (the cover) to 3")),
    responses((status = 200, body = Product), (status = 403, body = doorstep_shared::api::ApiErrorBody),
        (status = 404, description = "no such product, or no image at that position", body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, product_id = path.0, position = path.1))]
pub async fn delete_product_image(
    user: CurrentUser,
    path: web::Path<(i64, u8)>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<Product>, ApiError> {
    let (id, position) = path.into_inner();
    let product = managed_product(&user, &db, id).await?;
    remove_product_image(&db, product.id, position, user.id).await?;
    let images = images_of(&db, product.id).await?;
    Ok(web::Json(product_response(&get_product(&db, product.id).await?, images, &regions)))
}

fn too_many_images() -> ApiError {
    ApiError::new(ErrorCode::TooManyImages, format!("a product has at most {MAX_PRODUCT_IMAGES} images: remove one first"))
}

impl From<ProcessError> for ApiError {
    fn from(e: ProcessError) -> Self {
        let message = e.to_string();
        match e {
            ProcessError::TooLarge { .. } => ApiError::with_fields(ErrorCode::PayloadTooLarge, message, &["file"]),
            ProcessError::NotAnImage | ProcessError::Unreadable { .. } => ApiError::with_fields(ErrorCode::NotAnImage, message, &["file"]),
            ProcessError::TooManyPixels => ApiError::with_fields(ErrorCode::ValidationFailed, message, &["file"]),
            ProcessError::Unexpected(e) => ApiError::Unexpected(e),
        }
    }
}

/// One product's images as the API shows them, cover first.
pub async fn images_of(db: &Db, product_id: i64) -> anyhow::Result<Vec<ProductImage>> {
    Ok(images_of_products(db, &[product_id]).await?.remove(&product_id).unwrap_or_default())
}

/// Several products' images as the API shows them; a product without images has no entry.
pub async fn images_of_products(db: &Db, product_ids: &[i64]) -> anyhow::Result<HashMap<i64, Vec<ProductImage>>> {
    let stored = product_images(db, product_ids).await?;
    Ok(stored.into_iter().map(|(id, images)| (id, images.iter().map(product_image_response).collect())).collect())
}
