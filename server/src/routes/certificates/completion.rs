//! `POST /api/v1/enrolments/{id}/completion`

use actix_web::web;
use doorstep_shared::api::{CompletionOutcome, CompletionRequest, ErrorCode};

use super::{governed_session, refused, to_certificate};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::check_completion;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::storage::{get_certificate, get_enrolment_facts, record_completion, CompletionWrite, Db, NewCompletion};

/// Records that the person completed the course (issuing the certificate and
/// certifying its skills in their profile) or did not (with a reason).
#[utoipa::path(post, path = "/api/v1/enrolments/{id}/completion", tag = "training", request_body = CompletionRequest,
    responses((status = 200, body = CompletionOutcome),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`already_completed`, `session_not_running`, or `move_not_allowed` for an enrolment holding no place"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "`reason` missing for a non-completion")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, enrolment_id = *path))]
pub async fn complete_enrolment(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<CompletionRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CompletionOutcome>, ApiError> {
    let enrolment = get_enrolment_facts(&db, *path).await?;
    let session = governed_session(&scope, &db, enrolment.session_id).await.map_err(|_| ApiError::not_found("enrolment"))?;
    let completion = check_completion(session.terms.status, enrolment.status, body.0.completed, body.0.reason.as_deref()).map_err(refused)?;
    let write = NewCompletion {
        enrolment: &enrolment,
        course_id: session.course_id,
        issuing_region: &session.course_region,
        completion: &completion,
        today: today(),
        actor: scope.user.id,
    };
    let certificate_id = match record_completion(&db, &write).await? {
        CompletionWrite::Recorded { certificate_id } => certificate_id,
        CompletionWrite::Stale => return Err(ApiError::new(ErrorCode::AlreadyCompleted, "the enrolment's completion was recorded meanwhile")),
    };
    let certificate = match certificate_id {
        Some(id) => Some(to_certificate(&get_certificate(&db, id).await?, &regions, &skills)),
        None => None,
    };
    Ok(web::Json(CompletionOutcome { enrolment_id: enrolment.id, status: completion.status(), certificate }))
}
