//! Review and life-cycle moves: approve, reject, close.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, PostingResponse, ReviewRequest};

use super::{managed_posting, posting_response, require_staff};
use crate::auth::CurrentUser;
use crate::domain::{parse_day, today};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::search::PostingIndex;
use crate::storage::{get_posting, set_posting_status, Db};

struct Move {
    from: &'static [&'static str],
    to: &'static str,
    staff_only: bool,
    needs_reason: bool,
}

const APPROVE: Move = Move { from: &["pending"], to: "open", staff_only: true, needs_reason: false };
const REJECT: Move = Move { from: &["pending", "open"], to: "rejected", staff_only: true, needs_reason: true };
const CLOSE: Move = Move { from: &["pending", "open"], to: "closed", staff_only: false, needs_reason: false };

async fn apply_move(
    m: Move,
    user: CurrentUser,
    id: i64,
    body: Option<ReviewRequest>,
    db: &Db,
    regions: &Regions,
    index: &PostingIndex,
) -> Result<web::Json<PostingResponse>, ApiError> {
    if m.staff_only {
        require_staff(&user)?;
    }
    let posting = managed_posting(&user, db, id).await?;
    let reason = body.and_then(|b| b.reason).map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if m.needs_reason && reason.is_none() {
        return Err(ApiError::validation("reason", "give a reason, the employer will see it"));
    }
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::validation("reason", "reason must have at most 500 characters"));
    }
    if m.to == "open" && parse_day(&posting.row.valid_until).unwrap_or(0) < today() {
        return Err(ApiError::new(ErrorCode::Conflict, "the posting has expired; extend valid_until first"));
    }
    if !set_posting_status(db, id, m.from, m.to, reason.as_deref(), user.id).await? {
        let now = get_posting(db, id).await?.row.status;
        return Err(ApiError::new(ErrorCode::Conflict, format!("a {now} posting cannot become {}", m.to)));
    }
    index.changed.notify_one();
    Ok(web::Json(posting_response(&get_posting(db, id).await?, regions, None)))
}

/// Opens a pending posting to search and matching (staff).
#[utoipa::path(post, path = "/api/v1/postings/{id}/approve", tag = "postings", request_body = ReviewRequest,
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn approve_posting(user: CurrentUser, path: web::Path<i64>, body: Option<ApiJson<ReviewRequest>>, db: web::Data<Db>, regions: web::Data<Regions>, index: web::Data<PostingIndex>) -> Result<web::Json<PostingResponse>, ApiError> {
    apply_move(APPROVE, user, *path, body.map(|b| b.0), &db, &regions, &index).await
}

/// Refuses a posting, with a reason (staff).
#[utoipa::path(post, path = "/api/v1/postings/{id}/reject", tag = "postings", request_body = ReviewRequest,
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn reject_posting(user: CurrentUser, path: web::Path<i64>, body: Option<ApiJson<ReviewRequest>>, db: web::Data<Db>, regions: web::Data<Regions>, index: web::Data<PostingIndex>) -> Result<web::Json<PostingResponse>, ApiError> {
    apply_move(REJECT, user, *path, body.map(|b| b.0), &db, &regions, &index).await
}

/// Closes a posting (its employer or staff).
#[utoipa::path(post, path = "/api/v1/postings/{id}/close", tag = "postings",
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn close_posting(user: CurrentUser, path: web::Path<i64>, db: web::Data<Db>, regions: web::Data<Regions>, index: web::Data<PostingIndex>) -> Result<web::Json<PostingResponse>, ApiError> {
    apply_move(CLOSE, user, *path, None, &db, &regions, &index).await
}
