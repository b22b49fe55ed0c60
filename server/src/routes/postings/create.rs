//! `POST /api/v1/postings`

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{PostingRequest, PostingResponse, PostingStatus};

use super::posting_response;
use crate::auth::{manages_employer, CurrentUser};
use crate::clock::today;
use crate::domain::parse_posting;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::{get_employer, get_posting, insert_posting, Db, StorageError};

/// Creates a posting, pending review: employers for their own employer,
/// staff for employers in their jurisdiction.
#[utoipa::path(post, path = "/api/v1/postings", tag = "postings", request_body = PostingRequest,
    responses((status = 201, body = PostingResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn create_posting(
    user: CurrentUser,
    body: ApiJson<PostingRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<HttpResponse, ApiError> {
    let employer = match get_employer(&db, body.0.employer_id).await {
        Ok(e) => e,
        Err(StorageError::NotFound(_)) => return Err(ApiError::validation("employer_id", "employer does not exist")),
        Err(e) => return Err(e.into()),
    };
    if !manages_employer(&user, employer.id, &employer.region_code) {
        return Err(ApiError::with_fields(
            doorstep_shared::api::ErrorCode::Forbidden,
            "you may post only for your own employer, or for employers in your jurisdiction",
            &["employer_id"],
        ));
    }
    let draft = regions.read(|tree| parse_posting(body.0, tree, &skills, today())).map_err(ApiError::from)?;
    let id = insert_posting(&db, &draft, PostingStatus::Pending, user.id).await?;
    index.changed.notify_one();
    let stored = get_posting(&db, id).await?;
    Ok(HttpResponse::Created().json(posting_response(&stored, &regions, None)))
}
