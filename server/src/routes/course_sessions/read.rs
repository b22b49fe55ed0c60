//! `GET /api/v1/courses/{id}/sessions` and `GET /api/v1/training-sessions/{id}`.

use actix_web::web;
use doorstep_shared::api::{CourseSession, CourseSessionPage};
use serde::Deserialize;

use super::{session_response, visible_session};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::courses::visible_course;
use crate::routes::paging::Paging;
use crate::storage::{sessions_of_course, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SessionsQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// A course's sessions, soonest first, in every status.
#[utoipa::path(get, path = "/api/v1/courses/{id}/sessions", tag = "training", params(SessionsQuery),
    responses((status = 200, body = CourseSessionPage), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_course_sessions(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    query: web::Query<SessionsQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CourseSessionPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let course = visible_course(user.as_ref(), &db, *path).await?;
    let (sessions, total) = sessions_of_course(&db, course.id, paging.limit(), paging.offset()).await?;
    let items = sessions.iter().map(|s| session_response(s, &regions, &skills)).collect();
    Ok(web::Json(CourseSessionPage { items, total: total as u64, page: paging.page, per_page: paging.per_page }))
}

/// One session: of a published course for everyone, others for the staff governing the course.
#[utoipa::path(get, path = "/api/v1/training-sessions/{id}", tag = "training",
    responses((status = 200, body = CourseSession), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_course_session_handler(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CourseSession>, ApiError> {
    let session = visible_session(user.as_ref(), &db, *path).await?;
    Ok(web::Json(session_response(&session, &regions, &skills)))
}
