//! `GET /api/v1/audit`: the audit log, for administrators.

use actix_web::web;
use doorstep_shared::api::{AuditEntryResponse, AuditPage};
use serde::Deserialize;

use crate::auth::AdminUser;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{list_audit, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 200 (default 50).
    per_page: Option<u32>,
}

/// The newest audit entries first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_audit_handler(_admin: AdminUser, query: web::Query<AuditQuery>, db: web::Data<Db>) -> Result<web::Json<AuditPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 50, 200)?;
    let (rows, total) = list_audit(&db, paging.limit(), paging.offset()).await?;
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
            detail: r.detail,
        })
        .collect();
    Ok(web::Json(AuditPage { items, total, page: paging.page, per_page: paging.per_page }))
}
