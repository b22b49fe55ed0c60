//! `GET /api/v1/me/inbox`: the postings pushed to the logged-in seeker.

use actix_web::web;
use anyhow::Context;
use doorstep_shared::api::{ErrorCode, InboxItem, InboxResponse, Role};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{linked_person_id, list_inbox, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct InboxQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// The newest pushed postings first, with the reasons they were pushed.
#[utoipa::path(get, path = "/api/v1/me/inbox", tag = "push", params(InboxQuery),
    responses((status = 200, body = InboxResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn get_inbox(user: CurrentUser, query: web::Query<InboxQuery>, db: web::Data<Db>) -> Result<web::Json<InboxResponse>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    if user.role != Role::Seeker {
        return Err(ApiError::forbidden("only job seekers have an inbox"));
    }
    let Some(person_id) = linked_person_id(&db, user.id).await? else {
        return Err(ApiError::new(ErrorCode::ProfileMissing, "fill in your profile to receive jobs"));
    };
    let (rows, total) = list_inbox(&db, person_id, paging.limit(), paging.offset()).await?;
    let mut items = Vec::new();
    for row in rows {
        let reasons = serde_json::from_str(&row.reasons).with_context(|| format!("corrupt reasons of inbox item {}", row.id))?;
        items.push(InboxItem {
            id: row.id,
            posting_id: row.posting_id,
            title: row.title,
            employer: row.employer,
            score: row.score,
            reasons,
            invited: row.invited == 1,
            created_at: row.created_at,
        });
    }
    Ok(web::Json(InboxResponse { items, total, page: paging.page, per_page: paging.per_page }))
}
