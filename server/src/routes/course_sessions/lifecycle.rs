//! Session moves: start, finish, cancel (which tells the enrolled).

use actix_web::web;
use doorstep_shared::api::{CancelSessionRequest, CourseSession};

use super::{governed_session, session_response};
use crate::auth::StaffScope;
use crate::domain::{check_session_move, SessionMove, StatusRefusal};
use crate::error::status_refusal;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::search::CourseIndex;
use crate::storage::{cancel_course_session, get_course_session, set_course_session_status, Db, SessionCancelOutcome, SessionWrite};

fn moved_meanwhile(now: doorstep_shared::api::SessionStatus, m: SessionMove) -> ApiError {
    status_refusal(StatusRefusal::Illegal { from: now.as_str(), to: m.to().as_str() })
}

async fn apply_move(
    m: SessionMove,
    scope: StaffScope,
    id: i64,
    db: &Db,
    regions: &Regions,
    skills: &SkillCatalog,
    courses: &CourseIndex,
) -> Result<web::Json<CourseSession>, ApiError> {
    let session = governed_session(&scope, db, id).await?;
    let to = check_session_move(m, session.status).map_err(status_refusal)?;
    if let SessionWrite::Moved(now) = set_course_session_status(db, id, m.from(), to, scope.user.id).await? {
        return Err(moved_meanwhile(now, m));
    }
    courses.changed.notify_one();
    Ok(web::Json(session_response(&get_course_session(db, id).await?, regions, skills)))
}

/// Starts an open or full session.
#[utoipa::path(post, path = "/api/v1/training-sessions/{id}/start", tag = "training",
    responses((status = 200, body = CourseSession), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn start_course_session(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<CourseSession>, ApiError> {
    apply_move(SessionMove::Start, scope, *path, &db, &regions, &skills, &courses).await
}

/// Ends a running session.
#[utoipa::path(post, path = "/api/v1/training-sessions/{id}/finish", tag = "training",
    responses((status = 200, body = CourseSession), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn finish_course_session(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<CourseSession>, ApiError> {
    apply_move(SessionMove::Finish, scope, *path, &db, &regions, &skills, &courses).await
}

/// Calls off a session that has not finished: every enrolled or waiting
/// person's enrolment is cancelled with the reason, and each is told.
#[utoipa::path(post, path = "/api/v1/training-sessions/{id}/cancel", tag = "training", request_body = CancelSessionRequest,
    responses((status = 200, body = CourseSession), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn cancel_course_session_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<CancelSessionRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<CourseSession>, ApiError> {
    let reason = body.0.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(ApiError::validation("reason", "give a reason of 1 to 500 characters, the enrolled will see it"));
    }
    let session = governed_session(&scope, &db, *path).await?;
    check_session_move(SessionMove::Cancel, session.status).map_err(status_refusal)?;
    if let SessionCancelOutcome::Moved(now) = cancel_course_session(&db, session.id, SessionMove::Cancel.from(), &reason, scope.user.id).await? {
        return Err(moved_meanwhile(now, SessionMove::Cancel));
    }
    courses.changed.notify_one();
    Ok(web::Json(session_response(&get_course_session(&db, session.id).await?, &regions, &skills)))
}
