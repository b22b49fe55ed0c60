//! `GET /api/v1/me/inbox`: the postings pushed to the logged-in seeker.

use actix_web::web;
use anyhow::Context;
use doorstep_shared::api::{ErrorCode, InboxItem, InboxResponse, Role};

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::storage::{linked_person_id, list_inbox, Db};

const SHOWN: i64 = 100;

/// The newest pushed postings first, with the reasons they were pushed.
#[utoipa::path(get, path = "/api/v1/me/inbox", tag = "push",
    responses((status = 200, body = InboxResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn get_inbox(user: CurrentUser, db: web::Data<Db>) -> Result<web::Json<InboxResponse>, ApiError> {
    if user.role != Role::Seeker {
        return Err(ApiError::forbidden("only job seekers have an inbox"));
    }
    let Some(person_id) = linked_person_id(&db, user.id).await? else {
        return Err(ApiError::new(ErrorCode::ProfileMissing, "fill in your profile to receive jobs"));
    };
    let mut items = Vec::new();
    for row in list_inbox(&db, person_id, SHOWN).await? {
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
    Ok(web::Json(InboxResponse { items }))
}
