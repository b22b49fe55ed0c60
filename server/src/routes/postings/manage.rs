//! `GET /api/v1/postings/managed`: the review queue for staff, "my postings" for employers.

use actix_web::web;
use doorstep_shared::api::{PostingPage, PostingStatus, Role};
use serde::Deserialize;

use super::posting_response;
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::storage::{list_postings_by, Db, ManagedFilter};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ManagedQuery {
    /// Only postings in this status (`pending` for the review queue).
    status: Option<PostingStatus>,
    /// Part of the title (the referral page's posting picker).
    q: Option<String>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
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
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let filter = ManagedFilter {
        employer_region_prefix: prefix,
        employer_id: employer,
        status: query.status,
        title: query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(String::from),
    };
    let (postings, total) = list_postings_by(&db, &filter, paging.limit(), paging.offset()).await?;
    let items = postings.iter().map(|p| posting_response(p, &regions, None)).collect();
    Ok(web::Json(PostingPage { items, total: total as u64, page: paging.page, per_page: paging.per_page }))
}
