//! The built frontend: `index.html` (never cached, it names the current
//! assets) and `pkg/*` (content-hashed names, cached for a year). Any other
//! non-API path gets `index.html` so client-side routes survive a reload.

use std::path::PathBuf;

use actix_files::NamedFile;
use actix_web::http::header::{CacheControl, CacheDirective};
use actix_web::{web, HttpRequest, HttpResponse};

/// Where the built frontend lives.
#[derive(Clone)]
pub struct SiteDir(pub PathBuf);

pub async fn index(req: HttpRequest, site: web::Data<SiteDir>) -> HttpResponse {
    match NamedFile::open_async(site.0.join("index.html")).await {
        Ok(file) => {
            let mut res = file.use_etag(true).into_response(&req);
            res.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-cache"),
            );
            res
        }
        Err(_) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("the frontend is not built: run `cargo xtask serve` (the API under /api/v1 works regardless)\n"),
    }
}

pub async fn asset(req: HttpRequest, path: web::Path<String>, site: web::Data<SiteDir>) -> actix_web::Result<HttpResponse> {
    let name = path.into_inner();
    // Only flat names: no way out of pkg/.
    if name.contains('/') || name.contains("..") || name.starts_with('.') {
        return Ok(HttpResponse::NotFound().finish());
    }
    let file = NamedFile::open_async(site.0.join("pkg").join(name)).await?;
    let mut res = file.into_response(&req);
    res.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        CacheControl(vec![CacheDirective::Public, CacheDirective::MaxAge(31_536_000), CacheDirective::Extension("immutable".into(), None)])
            .to_string()
            .parse()
            .map_err(actix_web::error::ErrorInternalServerError)?,
    );
    Ok(res)
}
