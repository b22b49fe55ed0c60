//! `POST /api/v1/applications`

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ApplicationRequest, ApplicationResponse, ApplicationSource, ErrorCode, PostingStatus, Role};

use super::application_response;
use crate::auth::{governs, manages_employer, CurrentUser};
use crate::clock::today;
use crate::domain::parse_note;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::storage::{get_application, get_person, get_posting, insert_application, linked_person_id, Db, InsertApplicationError, NewApplication};

/// Applies to an open posting (a seeker, as their linked person) or refers a
/// person in the caller's jurisdiction who consented to share their details
/// (staff). One active application per person and posting.
#[utoipa::path(post, path = "/api/v1/applications", tag = "applications", request_body = ApplicationRequest,
    responses((status = 201, body = ApplicationResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "duplicate, posting not open, seeker not linked to a person, or no consent to share"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id, posting_id = body.0.posting_id))]
pub async fn create_application(user: CurrentUser, body: ApiJson<ApplicationRequest>, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let (person_id, source) = applicant(&user, req.person_id, &db).await?;
    let note = parse_note(req.note.as_deref(), "note")?;
    let posting = get_posting(&db, req.posting_id).await?;
    let open = posting.status == PostingStatus::Open;
    if !open && !manages_employer(&user, posting.content.employer_id, &posting.employer_region) {
        return Err(ApiError::not_found("posting"));
    }
    if !open {
        return Err(ApiError::new(ErrorCode::PostingNotOpen, format!("the posting is {}, not open for applications", posting.status.as_str())));
    }
    if posting.content.valid_until < today() {
        return Err(ApiError::new(ErrorCode::PostingNotOpen, format!("the posting expired on {}", posting.content.valid_until)));
    }
    let new = NewApplication { posting_id: posting.id, person_id, source, note: note.as_deref(), actor: user.id, audit: source == ApplicationSource::Referral };
    let id = match insert_application(&db, &new).await {
        Ok(id) => id,
        Err(InsertApplicationError::Duplicate) => {
            return Err(ApiError::new(ErrorCode::AlreadyApplied, "the person already has an active application to this posting"))
        }
        Err(InsertApplicationError::Unexpected(e)) => return Err(e.into()),
    };
    Ok(HttpResponse::Created().json(application_response(get_application(&db, id).await?)))
}

/// Who the application is for, and how it came about.
async fn applicant(user: &CurrentUser, person_id: Option<i64>, db: &Db) -> Result<(i64, ApplicationSource), ApiError> {
    match user.role {
        Role::Seeker => {
            let Some(own) = linked_person_id(db, user.id).await? else {
                return Err(ApiError::new(ErrorCode::ProfileMissing, "fill in your profile before applying"));
            };
            if person_id.is_some_and(|p| p != own) {
                return Err(ApiError::with_fields(ErrorCode::Forbidden, "seekers apply only for themselves", &["person_id"]));
            }
            Ok((own, ApplicationSource::Applied))
        }
        Role::Staff | Role::Admin => {
            let Some(id) = person_id else {
                return Err(ApiError::validation("person_id", "name the person you refer"));
            };
            let person = get_person(db, id).await?;
            if !governs(user, &person.home_region) {
                return Err(ApiError::not_found("person"));
            }
            if !person.consent_to_share {
                // A referral shows the employer the person's name and phone; without consent, none is made.
                let message = "the person has not consented to share their details with employers";
                return Err(ApiError::with_fields(ErrorCode::NoConsent, message, &["person_id"]));
            }
            Ok((id, ApplicationSource::Referral))
        }
        Role::Employer => Err(ApiError::forbidden("employers receive applications; staff refer people and seekers apply")),
    }
}
