//! The fallbacks for requests no route took: a known path asked with a
//! method it does not take answers 405 with `Allow`, an unknown API path 404.
//! The API's paths and methods come from the OpenAPI document, the same list
//! the route table is checked against (`tests/api/protocol.rs`), so the two
//! cannot disagree about which methods a path takes. Other paths are the
//! frontend's: GET and HEAD only.

use std::sync::OnceLock;

use actix_web::http::header::ALLOW;
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use doorstep_shared::api::ErrorCode;
use utoipa::OpenApi;

use super::openapi::ApiDoc;
use super::site;
use crate::error::ApiError;

/// Path templates (`/api/v1/people/{id}`) split into segments, each with the methods it takes.
fn api_paths() -> &'static [(Vec<String>, Vec<&'static str>)] {
    static PATHS: OnceLock<Vec<(Vec<String>, Vec<&'static str>)>> = OnceLock::new();
    PATHS.get_or_init(|| {
        let doc = ApiDoc::openapi();
        let mut paths = Vec::new();
        for (template, item) in &doc.paths.paths {
            let methods = [
                ("GET", item.get.is_some()),
                ("POST", item.post.is_some()),
                ("PUT", item.put.is_some()),
                ("PATCH", item.patch.is_some()),
                ("DELETE", item.delete.is_some()),
            ];
            let methods = methods.iter().filter(|(_, on)| *on).map(|(m, _)| *m).collect();
            paths.push((template.split('/').map(String::from).collect(), methods));
        }
        paths
    })
}

/// The methods the API takes at `path`, from the most literal template(s) it
/// matches (`/postings/managed` over `/postings/{id}`).
pub fn allowed_methods(path: &str) -> Vec<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    let mut best = 0;
    let mut allowed: Vec<&'static str> = Vec::new();
    for (template, methods) in api_paths() {
        let matches = template.len() == segments.len() && template.iter().zip(&segments).all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()));
        let literal = template.iter().filter(|t| !t.starts_with('{')).count();
        if !matches || literal < best {
            continue;
        }
        if literal > best {
            (best, allowed) = (literal, Vec::new());
        }
        for method in methods {
            if !allowed.contains(method) {
                allowed.push(method);
            }
        }
    }
    allowed
}

fn method_not_allowed(allowed: &[&str]) -> HttpResponse {
    let allow = allowed.join(", ");
    let err = ApiError::new(ErrorCode::MethodNotAllowed, format!("this path takes {allow}"));
    let mut res = err.error_response();
    if let Ok(value) = allow.parse() {
        res.headers_mut().insert(ALLOW, value);
    }
    res
}

/// The `/api/v1` scope's fallback.
pub async fn api_fallback(req: HttpRequest) -> HttpResponse {
    let allowed = allowed_methods(req.path());
    if allowed.is_empty() {
        return ApiError::new(ErrorCode::NotFound, "no such endpoint").error_response();
    }
    method_not_allowed(&allowed)
}

/// The application's fallback: the frontend for GET and HEAD, 405 otherwise.
pub async fn site_fallback(req: HttpRequest, site_dir: web::Data<site::SiteDir>) -> HttpResponse {
    if req.method() == Method::GET || req.method() == Method::HEAD {
        return site::index(req, site_dir).await;
    }
    method_not_allowed(&["GET", "HEAD"])
}
