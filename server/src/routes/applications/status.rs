//! `POST /api/v1/applications/{id}/status`: moves along the status machine
//! (`domain::check_move`); a hire also counts against the posting's
//! headcount and creates the placement, all in one transaction.

use actix_web::web;
use doorstep_shared::api::{ApplicationResponse, ApplicationStatus, ApplicationStatusRequest, ErrorCode};

use super::{application_response, visible_application};
use crate::auth::CurrentUser;
use crate::domain::{check_move, parse_hire_terms, parse_note, placement_kind, MoveRefusal, Mover};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::search::PostingIndex;
use crate::storage::{get_application, hire_application, set_application_status, Db, Hire, HireOutcome, StatusChange, StoredApplication};

/// Moves an application: the employer or staff governing it to interviewing,
/// hired or rejected; the seeker or staff governing their home to withdrawn. A hire needs `start_date`
/// and `monthly_wage`, and is refused once the posting's headcount is reached.
#[utoipa::path(post, path = "/api/v1/applications/{id}/status", tag = "applications", request_body = ApplicationStatusRequest,
    responses((status = 200, body = ApplicationResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "illegal move, or headcount reached"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, application_id = *path, to = ?body.0.status))]
pub async fn change_application_status(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<ApplicationStatusRequest>,
    db: web::Data<Db>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<ApplicationResponse>, ApiError> {
    let id = *path;
    let req = body.0;
    let (application, mover) = visible_application(&user, &db, id).await?;
    let from = application.status;
    check_move(from, req.status, mover).map_err(refusal)?;
    let note = parse_note(req.note.as_deref(), "note")?;
    let audit = matches!(mover, Mover::Staff { .. });
    if req.status == ApplicationStatus::Hired {
        hire(&user, &application, &req, note.as_deref(), audit, &db).await?;
        index.changed.notify_one();
    } else {
        let change = StatusChange { id, from, to: req.status, note: note.as_deref(), actor: user.id, audit };
        if !set_application_status(&db, &change).await? {
            return Err(changed_meanwhile(&db, id, req.status).await);
        }
    }
    Ok(web::Json(application_response(get_application(&db, id).await?)))
}

async fn hire(user: &CurrentUser, a: &StoredApplication, req: &ApplicationStatusRequest, note: Option<&str>, audit: bool, db: &Db) -> Result<(), ApiError> {
    let terms = parse_hire_terms(req)?;
    let h = Hire {
        application_id: a.id,
        posting_id: a.posting_id,
        person_id: a.person_id,
        kind: placement_kind(&a.person_region, &a.posting_region),
        start_date: terms.start_date,
        monthly_wage: i64::from(terms.monthly_wage),
        note,
        actor: user.id,
        audit,
    };
    match hire_application(db, &h).await? {
        HireOutcome::Hired { .. } => Ok(()),
        HireOutcome::HeadcountReached => Err(ApiError::new(ErrorCode::HeadcountReached, "headcount reached: the posting has hired everyone it needs")),
        HireOutcome::PostingNotOpen(status) => {
            Err(ApiError::new(ErrorCode::PostingNotOpen, format!("the posting is {}; only an open posting can hire", status.as_str())))
        }
        HireOutcome::Stale => Err(changed_meanwhile(db, a.id, ApplicationStatus::Hired).await),
    }
}

fn refusal(r: MoveRefusal) -> ApiError {
    match r {
        MoveRefusal::Illegal { from, to } => {
            ApiError::with_fields(ErrorCode::MoveNotAllowed, format!("an application cannot move from {} to {}", from.as_str(), to.as_str()), &["status"])
        }
        MoveRefusal::NotYours { to: ApplicationStatus::Withdrawn } => {
            ApiError::forbidden("only the seeker or staff governing their home may withdraw an application")
        }
        MoveRefusal::NotYours { to } => ApiError::forbidden(format!("only the employer or staff governing it may move an application to {}", to.as_str())),
    }
}

/// The refusal when another request moved the application first.
async fn changed_meanwhile(db: &Db, id: i64, to: ApplicationStatus) -> ApiError {
    match get_application(db, id).await {
        Ok(now) => ApiError::new(
            ErrorCode::ChangedMeanwhile,
            format!("the application was moved to {} meanwhile; it cannot move to {}", now.status.as_str(), to.as_str()),
        ),
        Err(e) => e.into(),
    }
}
