//! Liveness and readiness probes.

use actix_web::{web, HttpResponse};

use crate::storage::Db;

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "alive")))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"status": "ok"}))
}

/// The database answers; load balancers send traffic only then.
#[utoipa::path(get, path = "/readyz", tag = "operations", responses((status = 200, description = "ready"), (status = 503, description = "database unreachable")))]
pub async fn readyz(db: web::Data<Db>) -> HttpResponse {
    match db.ping().await {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({"status": "ready"})),
        Err(e) => {
            tracing::warn!(error = ?e, "readiness check failed");
            HttpResponse::ServiceUnavailable().json(serde_json::json!({"status": "database unreachable"}))
        }
    }
}
