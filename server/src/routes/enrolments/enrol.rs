//! `POST /api/v1/training-sessions/{id}/enrolments`

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{Enrolment, EnrolmentRequest, ErrorCode, Role};

use super::{already_enrolled, enrol_refusal, enrollee, enrolment_response};
use crate::auth::CurrentUser;
use crate::clock::today;
use crate::domain::check_enrolment;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::search::CourseIndex;
use crate::storage::{enrol, get_enrol_session, get_enrolment, held_entries, Db, EnrolOutcome, NewEnrolment};

/// Enrols a seeker (as their linked person) or a person the staff member
/// governs. A free place is taken at once (201, `enrolled`); a full session
/// puts the person on its waitlist (201, `waitlisted`, with the position).
#[utoipa::path(post, path = "/api/v1/training-sessions/{id}/enrolments", tag = "training", request_body = EnrolmentRequest,
    params(("id" = i64, Path, description = "the course session")),
    responses((status = 201, body = Enrolment), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody,
               description = "already_enrolled, session_not_open, enrolment_closed, not_eligible (fields list the categories), schedule_clash, profile_missing"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, session_id = *path))]
pub async fn enrol_handler(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<EnrolmentRequest>,
    db: web::Data<Db>,
    courses: web::Data<CourseIndex>,
) -> Result<HttpResponse, ApiError> {
    let person = enrollee(&user, body.0.person_id, &db).await?;
    let session = get_enrol_session(&db, *path).await?;
    let held = held_entries(&db, person.id).await?;
    check_enrolment(&session.rules, &person.categories, &held, today()).map_err(enrol_refusal)?;
    let new = NewEnrolment { session_id: session.rules.session_id, person_id: person.id, actor: user.id, audit: user.role != Role::Seeker };
    let id = match enrol(&db, &new).await? {
        EnrolOutcome::Enrolled(id) | EnrolOutcome::Waitlisted(id) => id,
        EnrolOutcome::AlreadyEnrolled => return Err(already_enrolled()),
        EnrolOutcome::SessionNotOpen => return Err(ApiError::new(ErrorCode::SessionNotOpen, "the course session stopped taking enrolments")),
    };
    // A place taken changes the places left that search shows.
    courses.changed.notify_one();
    Ok(HttpResponse::Created().json(enrolment_response(get_enrolment(&db, id).await?)))
}
