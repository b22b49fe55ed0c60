//! `GET /api/v1/training-sessions/{id}/enrolments` (the roster) and
//! `GET /api/v1/people/{id}/enrolments`, for staff.

use actix_web::web;
use doorstep_shared::api::EnrolmentPage;
use serde::Deserialize;

use super::enrolment_response;
use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{get_enrol_session, get_person, list_enrolments, Db, EnrolmentList};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct EnrolmentsQuery {
    /// Page number from 1.
    pub page: Option<u32>,
    /// Page size, 1 to 200 (default 50).
    pub per_page: Option<u32>,
}

/// The roster of a session the staff member governs: places in the order
/// taken, then the waitlist in its order (with positions); cancelled entries left out.
#[utoipa::path(get, path = "/api/v1/training-sessions/{id}/enrolments", tag = "training", params(("id" = i64, Path, description = "the course session"), EnrolmentsQuery),
    responses((status = 200, body = EnrolmentPage), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, session_id = *path))]
pub async fn session_roster(
    scope: StaffScope,
    path: web::Path<i64>,
    query: web::Query<EnrolmentsQuery>,
    db: web::Data<Db>,
) -> Result<web::Json<EnrolmentPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 50, 200)?;
    let session = get_enrol_session(&db, *path).await?;
    if !scope.allows(&session.region) {
        return Err(ApiError::not_found("course session"));
    }
    page(&db, EnrolmentList::Roster { session_id: session.rules.session_id }, paging).await
}

/// A governed person's enrolments, newest first.
#[utoipa::path(get, path = "/api/v1/people/{id}/enrolments", tag = "training", params(("id" = i64, Path, description = "the person"), EnrolmentsQuery),
    responses((status = 200, body = EnrolmentPage), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn person_enrolments(
    scope: StaffScope,
    path: web::Path<i64>,
    query: web::Query<EnrolmentsQuery>,
    db: web::Data<Db>,
) -> Result<web::Json<EnrolmentPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 50, 200)?;
    let person = get_person(&db, *path).await?;
    if !scope.allows(&person.home_region) {
        return Err(ApiError::not_found("person"));
    }
    page(&db, EnrolmentList::Person { person_id: person.id }, paging).await
}

/// One page of a list.
pub async fn page(db: &Db, list: EnrolmentList, paging: Paging) -> Result<web::Json<EnrolmentPage>, ApiError> {
    let (rows, total) = list_enrolments(db, list, paging.limit(), paging.offset()).await?;
    let items = rows.into_iter().map(enrolment_response).collect();
    Ok(web::Json(EnrolmentPage { items, total, page: paging.page, per_page: paging.per_page }))
}
