//! `GET /api/v1/me/enrolments` and `GET /api/v1/me/notices`: the seeker's own.

use actix_web::web;
use doorstep_shared::api::{EnrolmentPage, NoticePage};

use super::{notice_response, own_person_id, page, EnrolmentsQuery};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{list_notices, Db, EnrolmentList};

/// The seeker's enrolments, newest first.
#[utoipa::path(get, path = "/api/v1/me/enrolments", tag = "training", params(EnrolmentsQuery),
    responses((status = 200, body = EnrolmentPage), (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "profile_missing")))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn my_enrolments(user: CurrentUser, query: web::Query<EnrolmentsQuery>, db: web::Data<Db>) -> Result<web::Json<EnrolmentPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 50, 200)?;
    let person_id = own_person_id(&user, &db).await?;
    page(&db, EnrolmentList::Person { person_id }, paging).await
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoticesQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// The seeker's training notices (a waitlist place became a place, a session
/// was cancelled, a certificate was issued), newest first.
#[utoipa::path(get, path = "/api/v1/me/notices", tag = "training", params(NoticesQuery),
    responses((status = 200, body = NoticePage), (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "profile_missing")))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn my_notices(user: CurrentUser, query: web::Query<NoticesQuery>, db: web::Data<Db>) -> Result<web::Json<NoticePage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let person_id = own_person_id(&user, &db).await?;
    let (rows, total) = list_notices(&db, person_id, paging.limit(), paging.offset()).await?;
    let items = rows.into_iter().map(notice_response).collect();
    Ok(web::Json(NoticePage { items, total, page: paging.page, per_page: paging.per_page }))
}
