//! `GET /images/{hash}/{variant}`: the stored image files, public and cached
//! for a year (a file's name is its content hash, so it never changes).

use actix_web::http::header::{self, CacheControl, CacheDirective, ETag, EntityTag, IfNoneMatch};
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use doorstep_shared::api::ProductImage;

use crate::error::ApiError;
use crate::images::{ImageHash, ImageStore, ImageVariant};
use crate::storage::StoredImage;

/// The URL of one file of an image.
pub fn image_url(hash: &ImageHash, variant: ImageVariant) -> String {
    format!("/images/{hash}/{}", variant.file_name())
}

/// A product's image as the API shows it.
pub fn product_image_response(image: &StoredImage) -> ProductImage {
    ProductImage {
        position: image.position,
        hash: image.hash.to_string(),
        thumb_url: image_url(&image.hash, ImageVariant::Thumb),
        display_url: image_url(&image.hash, ImageVariant::Display),
        width: image.width,
        height: image.height,
    }
}

/// One file of a stored image: `thumb.jpg` (longest side 320 px) or
/// `display.jpg` (1024 px), always JPEG.
#[utoipa::path(get, path = "/images/{hash}/{variant}", tag = "sales",
    params(("hash" = String, Path, description = "the image's content hash: 64 lowercase hex digits"),
        ("variant" = String, Path, description = "`thumb.jpg` or `display.jpg`")),
    responses((status = 200, description = "the JPEG, cacheable for a year", body = Vec<u8>, content_type = "image/jpeg"),
        (status = 304, description = "the client's copy (`If-None-Match`) is current"),
        (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(hash = %path.0, variant = %path.1))]
pub async fn get_image(req: HttpRequest, path: web::Path<(String, String)>, images: web::Data<ImageStore>) -> Result<HttpResponse, ApiError> {
    let (hash, variant) = path.into_inner();
    let (Ok(hash), Some(variant)) = (ImageHash::parse(&hash), ImageVariant::from_file_name(&variant)) else {
        return Err(ApiError::not_found("image"));
    };
    let tag = EntityTag::new_strong(format!("{hash}-{}", variant.file_name().trim_end_matches(".jpg")));
    let cache = CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(31_536_000), CacheDirective::Extension("immutable".into(), None)]);
    if client_has(&req, &tag) {
        return Ok(HttpResponse::NotModified().insert_header(ETag(tag)).insert_header(cache).finish());
    }
    let Some(bytes) = images.get(&hash, variant).await? else {
        return Err(ApiError::not_found("image"));
    };
    Ok(HttpResponse::Ok().content_type("image/jpeg").insert_header(ETag(tag)).insert_header(cache).insert_header(nosniff()).body(bytes))
}

/// Whether `If-None-Match` names this file.
fn client_has(req: &HttpRequest, tag: &EntityTag) -> bool {
    match req.get_header::<IfNoneMatch>() {
        Some(IfNoneMatch::Items(items)) => items.iter().any(|item| item.weak_eq(tag)),
        // `*` means "if any copy exists": not known before reading, and no browser sends it on GET.
        Some(IfNoneMatch::Any) | None => false,
    }
}

/// The bytes are JPEG because we encoded them; no browser should guess otherwise.
fn nosniff() -> (header::HeaderName, header::HeaderValue) {
    (header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff"))
}
