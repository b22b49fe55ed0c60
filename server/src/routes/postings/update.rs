//! `PATCH /api/v1/postings/{id}`

use actix_web::web;
use doorstep_shared::api::{ErrorCode, PostingResponse, PostingUpdate};

use super::{managed_posting, posting_actor, posting_response, refusal};
use crate::auth::CurrentUser;
use crate::clock::today;
use crate::domain::{apply_posting_update, parse_posting, posting_to_request, status_after_edit};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::{get_posting, update_posting, Db};

/// Changes a pending or open posting. An employer's change to an open posting
/// sends it back to review: what staff approved is what seekers see.
#[utoipa::path(patch, path = "/api/v1/postings/{id}", tag = "postings", request_body = PostingUpdate,
    responses((status = 200, body = PostingResponse), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, posting_id = *path))]
pub async fn update_posting_handler(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<PostingUpdate>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<PostingResponse>, ApiError> {
    let id = *path;
    let current = managed_posting(&user, &db, id).await?;
    let new_status = status_after_edit(current.status, posting_actor(&user)).map_err(refusal)?;
    let merged = apply_posting_update(posting_to_request(&current.content), body.0);
    let draft = regions.read(|tree| parse_posting(merged, tree, &skills, today())).map_err(ApiError::from)?;
    if draft.headcount < current.hired {
        return Err(ApiError::validation("headcount", format!("{} people are already hired", current.hired)));
    }
    if !update_posting(&db, id, &draft, current.status, new_status).await? {
        return Err(ApiError::new(ErrorCode::ChangedMeanwhile, "the posting changed meanwhile; reload and try again"));
    }
    index.changed.notify_one();
    Ok(web::Json(posting_response(&get_posting(&db, id).await?, &regions, None)))
}
