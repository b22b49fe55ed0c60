//! `POST /api/v1/enrolments/{id}/cancel`

use actix_web::web;
use doorstep_shared::api::{Enrolment, EnrolmentCancelRequest, ErrorCode};

use super::{enrolment_response, governed_enrolment};
use crate::auth::CurrentUser;
use crate::domain::parse_note;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::search::CourseIndex;
use crate::storage::{cancel_enrolment, get_enrolment, CancelOutcome, Cancellation, Db};

/// Gives up a place or a waitlist entry (the seeker their own; staff for a
/// person they govern) while the session is open or full. A freed place goes
/// to the first person on the waitlist, who is told in their notices.
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/cancel", tag = "training", request_body = EnrolmentCancelRequest,
    params(("id" = i64, Path, description = "the enrolment")),
    responses((status = 200, body = Enrolment), (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "move_not_allowed (not enrolled or waitlisted), session_not_open"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, enrolment_id = *path))]
pub async fn cancel_enrolment_handler(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<EnrolmentCancelRequest>,
    db: web::Data<Db>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<Enrolment>, ApiError> {
    let (enrolment, staff) = governed_enrolment(&user, &db, *path).await?;
    let note = parse_note(body.0.note.as_deref(), "note")?;
    let c = Cancellation { enrolment_id: enrolment.id, session_id: enrolment.session_id, note: note.as_deref(), actor: user.id, audit: staff };
    match cancel_enrolment(&db, &c).await? {
        CancelOutcome::Cancelled { .. } => {
            courses.changed.notify_one();
            Ok(web::Json(enrolment_response(get_enrolment(&db, enrolment.id).await?)))
        }
        CancelOutcome::NotLive => Err(ApiError::with_fields(
            ErrorCode::MoveNotAllowed,
            format!("the enrolment is {}; only a place or a waitlist entry can be cancelled", enrolment.status.as_str()),
            &["status"],
        )),
        CancelOutcome::SessionNotOpen => Err(ApiError::new(ErrorCode::SessionNotOpen, "the course session has started, ended or was cancelled")),
    }
}
