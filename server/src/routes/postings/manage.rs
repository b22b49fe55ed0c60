//! `GET /api/v1/postings/managed`: the review queue for staff, "my postings" for employers.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, PostingPage, PostingStatus, Role};
use serde::Deserialize;

use super::posting_response;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::reference::Regions;
use crate::storage::{list_postings_by, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ManagedQuery {
    /// Only postings in this status (`pending` for the review queue).
    status: Option<PostingStatus>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// Postings the caller manages, newest first.
#[utoipa::path(get, path = "/api/v1/postings/managed", tag = "postings", params(ManagedQuery),
    responses((status = 200, body = PostingPage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_managed_postings(
    user: CurrentUser,
    query: web::Query<ManagedQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<PostingPage>, ApiError> {
    let (prefix, employer) = match user.role {
        Role::Admin => (String::new(), None),
        Role::Staff => (user.region.as_ref().map(|r| r.to_string()).unwrap_or_else(|| "-".into()), None),
        Role::Employer => (String::new(), Some(user.employer_id.ok_or_else(|| ApiError::forbidden("no employer"))?)),
        Role::Seeker => return Err(ApiError::forbidden("only employers and staff manage postings")),
    };
    let page = query.page.unwrap_or(1).max(1);
    let per_page = query.per_page.unwrap_or(20);
    if !(1..=100).contains(&per_page) {
        return Err(ApiError::with_fields(ErrorCode::InvalidParameter, "per_page must be 1 to 100", &["per_page"]));
    }
    let offset = i64::from(page - 1) * i64::from(per_page);
    let status = query.status;
    let (postings, total) = list_postings_by(&db, &prefix, employer, status, i64::from(per_page), offset).await?;
    let items = postings.iter().map(|p| posting_response(p, &regions, None)).collect();
    Ok(web::Json(PostingPage { items, total: total as u64, page, per_page }))
}
