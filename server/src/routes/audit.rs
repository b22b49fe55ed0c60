//! `GET /api/v1/audit`: the audit log, for administrators.

use actix_web::web;
use doorstep_shared::api::{AuditEntryResponse, AuditPage, ErrorCode};
use serde::Deserialize;

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::storage::{list_audit, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Entries to return, 1 to 500 (default 100).
    limit: Option<u32>,
    /// Entries to skip.
    offset: Option<u32>,
}

/// The newest audit entries first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_audit_handler(_admin: AdminUser, query: web::Query<AuditQuery>, db: web::Data<Db>) -> Result<web::Json<AuditPage>, ApiError> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::with_fields(ErrorCode::InvalidParameter, "limit must be 1 to 500", &["limit"]));
    }
    let (rows, total) = list_audit(&db, i64::from(limit), i64::from(query.offset.unwrap_or(0))).await?;
    let items = rows
        .into_iter()
        .map(|r| AuditEntryResponse {
            id: r.id,
            actor_user_id: r.actor_user_id,
            actor_username: r.actor_username,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            at: r.at,
        })
        .collect();
    Ok(web::Json(AuditPage { items, total }))
}
