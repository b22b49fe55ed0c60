//! `GET /api/v1/applications` and `GET /api/v1/applications/{id}`

use actix_web::web;
use doorstep_shared::api::{ApplicationPage, ApplicationResponse, ApplicationStatus, Role};
use serde::Deserialize;

use super::{application_response, own_person, visible_application};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{list_applications, ApplicationFilter, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ApplicationsQuery {
    /// Only applications to this posting.
    posting_id: Option<i64>,
    /// Only applications in this status.
    status: Option<ApplicationStatus>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Applications the caller may see, newest first: employers those to their
/// postings, staff those of people or employers in their jurisdiction, seekers their own.
#[utoipa::path(get, path = "/api/v1/applications", tag = "applications", params(ApplicationsQuery),
    responses((status = 200, body = ApplicationPage), (status = 400, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn list_applications_handler(
    user: CurrentUser,
    query: web::Query<ApplicationsQuery>,
    db: web::Data<Db>,
) -> Result<web::Json<ApplicationPage>, ApiError> {
    let q = query.into_inner();
    let paging = Paging::parse(q.page, q.per_page, 20, 100)?;
    let (page, per_page) = (paging.page, paging.per_page);
    let mut filter = ApplicationFilter { posting_id: q.posting_id, status: q.status, ..ApplicationFilter::default() };
    match user.role {
        Role::Admin => {}
        Role::Staff => filter.staff_region_prefix = Some(user.region.as_ref().ok_or_else(|| ApiError::forbidden("staff account has no region"))?.to_string()),
        Role::Employer => filter.employer_id = Some(user.employer_id.ok_or_else(|| ApiError::forbidden("employer account has no employer"))?),
        Role::Seeker => match own_person(&user, &db).await? {
            Some(p) => filter.person_id = Some(p),
            None => return Ok(web::Json(ApplicationPage { items: Vec::new(), total: 0, page, per_page })),
        },
    }
    let (rows, total) = list_applications(&db, &filter, paging.limit(), paging.offset()).await?;
    let items = rows.into_iter().map(application_response).collect();
    Ok(web::Json(ApplicationPage { items, total, page, per_page }))
}

/// One application the caller may see.
#[utoipa::path(get, path = "/api/v1/applications/{id}", tag = "applications",
    responses((status = 200, body = ApplicationResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, application_id = *path))]
pub async fn get_application_handler(user: CurrentUser, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<ApplicationResponse>, ApiError> {
    let (application, _) = visible_application(&user, &db, *path).await?;
    Ok(web::Json(application_response(application)))
}
