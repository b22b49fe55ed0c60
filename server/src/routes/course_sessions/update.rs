//! `PATCH /api/v1/training-sessions/{id}`

use actix_web::web;
use doorstep_shared::api::{CourseSession, SessionUpdate};

use super::{governed_session, session_response};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::{apply_session_update, check_session_editable, parse_session, session_to_request, StatusRefusal};
use crate::error::status_refusal;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::search::CourseIndex;
use crate::storage::{get_course_session, update_course_session, Db, SessionWrite};

/// Changes an open or full session; its place stays inside the caller's
/// jurisdiction and its capacity not below the places taken.
#[utoipa::path(patch, path = "/api/v1/training-sessions/{id}", tag = "training", request_body = SessionUpdate,
    responses((status = 200, body = CourseSession), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, session_id = *path))]
pub async fn update_course_session_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<SessionUpdate>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<CourseSession>, ApiError> {
    let id = *path;
    let current = governed_session(&scope, &db, id).await?;
    check_session_editable(current.status).map_err(status_refusal)?;
    let merged = apply_session_update(session_to_request(&current.content), body.0);
    // A start that stays where it was may have passed; a moved one may not.
    let today = today();
    let earliest = (merged.start_date != current.content.start.to_string()).then_some(today);
    let draft = regions.read(|tree| parse_session(merged, tree, today, earliest)).map_err(ApiError::from)?;
    scope.ensure(&draft.region, "region_code")?;
    match update_course_session(&db, id, &draft, scope.user.id).await? {
        SessionWrite::Done => {
            courses.changed.notify_one();
            Ok(web::Json(session_response(&get_course_session(&db, id).await?, &regions, &skills)))
        }
        SessionWrite::Moved(status) => Err(status_refusal(StatusRefusal::NotEditable { status: status.as_str() })),
        SessionWrite::TooSmall { enrolled } => Err(ApiError::validation("capacity", format!("{enrolled} places are already taken"))),
    }
}
