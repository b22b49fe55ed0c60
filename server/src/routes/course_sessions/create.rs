//! `POST /api/v1/courses/{id}/sessions`

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{CourseSession, SessionRequest};

use super::session_response;
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::{check_course_editable, parse_session};
use crate::error::status_refusal;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::courses::governed_course;
use crate::search::CourseIndex;
use crate::storage::{get_course_session, insert_course_session, Db};

/// Adds an open session to a draft or published course, at a place inside the caller's jurisdiction.
#[utoipa::path(post, path = "/api/v1/courses/{id}/sessions", tag = "training", request_body = SessionRequest,
    responses((status = 201, body = CourseSession), (status = 403, body = doorstep_shared::api::ApiErrorBody),
        (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, course_id = *path))]
pub async fn create_course_session(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<SessionRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<HttpResponse, ApiError> {
    let course = governed_course(&scope, &db, *path).await?;
    check_course_editable(course.status).map_err(status_refusal)?;
    let today = today();
    let draft = regions.read(|tree| parse_session(body.0, tree, today, Some(today))).map_err(ApiError::from)?;
    scope.ensure(&draft.region, "region_code")?;
    let id = insert_course_session(&db, course.id, &draft, scope.user.id).await?;
    courses.changed.notify_one();
    Ok(HttpResponse::Created().json(session_response(&get_course_session(&db, id).await?, &regions, &skills)))
}
