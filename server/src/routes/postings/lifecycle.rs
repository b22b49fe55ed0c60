//! Review and life-cycle moves: approve, reject, close.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, PostingResponse, ReviewRequest, Role};

use super::{managed_posting, posting_response};
use crate::auth::CurrentUser;
use crate::clock::today;
use crate::domain::{check_posting_move, PostingActor, PostingMove, PostingRefusal};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::Regions;
use crate::search::PostingIndex;
use crate::storage::{get_posting, set_posting_status, Db};

/// How the status machine sees a user (admin acts as staff).
pub fn posting_actor(user: &CurrentUser) -> PostingActor {
    match user.role {
        Role::Staff | Role::Admin => PostingActor::Staff,
        Role::Employer | Role::Seeker => PostingActor::Employer,
    }
}

/// The answer to a refused move or edit.
pub fn refusal(r: PostingRefusal) -> ApiError {
    match r {
        PostingRefusal::StaffOnly => ApiError::forbidden("only civil-affairs staff may review postings"),
        PostingRefusal::Illegal { from, to } => ApiError::new(ErrorCode::MoveNotAllowed, format!("a {} posting cannot become {}", from.as_str(), to.as_str())),
        PostingRefusal::NotEditable { status } => ApiError::new(ErrorCode::MoveNotAllowed, format!("a {} posting cannot be changed", status.as_str())),
        PostingRefusal::Expired => ApiError::with_fields(ErrorCode::PostingNotOpen, "the posting has expired; extend valid_until first", &["valid_until"]),
    }
}

async fn apply_move(
    m: PostingMove,
    user: CurrentUser,
    id: i64,
    body: Option<ReviewRequest>,
    db: &Db,
    regions: &Regions,
    index: &PostingIndex,
) -> Result<web::Json<PostingResponse>, ApiError> {
    let actor = posting_actor(&user);
    // A move that is not the caller's is refused before the posting is looked up.
    m.check_mover(actor).map_err(refusal)?;
    let posting = managed_posting(&user, db, id).await?;
    let reason = body.and_then(|b| b.reason).map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    if m.needs_reason() && reason.is_none() {
        return Err(ApiError::validation("reason", "give a reason, the employer will see it"));
    }
    if reason.as_ref().is_some_and(|r| r.chars().count() > 500) {
        return Err(ApiError::validation("reason", "reason must have at most 500 characters"));
    }
    let to = check_posting_move(m, posting.status, actor, posting.content.valid_until, today()).map_err(refusal)?;
    if !set_posting_status(db, id, m.from(), to, reason.as_deref(), user.id).await? {
        // Someone moved it meanwhile: answer from the status it has now.
        let now = get_posting(db, id).await?.status;
        return Err(refusal(PostingRefusal::Illegal { from: now, to }));
    }
    index.changed.notify_one();
    Ok(web::Json(posting_response(&get_posting(db, id).await?, regions, None)))
}

/// Opens a pending posting to search and matching (staff).
#[utoipa::path(post, path = "/api/v1/postings/{id}/approve", tag = "postings", request_body = ReviewRequest,
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn approve_posting(
    user: CurrentUser,
    path: web::Path<i64>,
    body: Option<ApiJson<ReviewRequest>>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<PostingResponse>, ApiError> {
    apply_move(PostingMove::Approve, user, *path, body.map(|b| b.0), &db, &regions, &index).await
}

/// Refuses a posting, with a reason (staff).
#[utoipa::path(post, path = "/api/v1/postings/{id}/reject", tag = "postings", request_body = ReviewRequest,
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn reject_posting(
    user: CurrentUser,
    path: web::Path<i64>,
    body: Option<ApiJson<ReviewRequest>>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<PostingResponse>, ApiError> {
    apply_move(PostingMove::Reject, user, *path, body.map(|b| b.0), &db, &regions, &index).await
}

/// Closes a posting (its employer or staff).
#[utoipa::path(post, path = "/api/v1/postings/{id}/close", tag = "postings",
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn close_posting(
    user: CurrentUser,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<PostingResponse>, ApiError> {
    apply_move(PostingMove::Close, user, *path, None, &db, &regions, &index).await
}
