//! `POST /api/v1/postings/{id}/invitations`: an employer (or staff) invites a
//! suggested candidate to apply; the person finds it in their inbox with a
//! link to the posting. Only people who agreed to be shown can be invited.

use actix_web::{web, HttpResponse};
use anyhow::Context;
use doorstep_shared::api::{ErrorCode, InvitationRequest, InvitationResponse, PostingStatus, Role};

use crate::auth::{governs, CurrentUser};
use crate::domain::{round_score, Audience};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::matcher::rank_people;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::postings::managed_posting;
use crate::storage::{get_person, insert_invitation, Db, NewInvitation, StorageError};

/// Puts an invitation in the person's inbox, with the reasons worded for them; audited.
#[utoipa::path(post, path = "/api/v1/postings/{id}/invitations", tag = "matching", request_body = InvitationRequest,
    responses((status = 201, body = InvitationResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`no_consent` or `posting_not_open`")))]
#[tracing::instrument(skip_all, fields(user_id = user.id, posting_id = *path, person_id = body.0.person_id))]
pub async fn invite_candidate(
    user: CurrentUser,
    path: web::Path<i64>,
    body: ApiJson<InvitationRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<HttpResponse, ApiError> {
    let posting = managed_posting(&user, &db, *path).await?;
    if posting.status != PostingStatus::Open {
        return Err(ApiError::new(ErrorCode::PostingNotOpen, format!("the posting is {}; only an open posting can invite", posting.status.as_str())));
    }
    let person = match get_person(&db, body.0.person_id).await {
        Err(StorageError::NotFound(_)) => return Err(ApiError::with_fields(ErrorCode::NotFound, "person not found", &["person_id"])),
        found => found?,
    };
    if user.role == Role::Staff && !governs(&user, &person.home_region) {
        return Err(ApiError::with_fields(ErrorCode::NotFound, "person not found", &["person_id"]));
    }
    if !person.consent_to_share {
        return Err(ApiError::with_fields(ErrorCode::NoConsent, "the person has not agreed to be shown to employers", &["person_id"]));
    }
    let person_id = person.id;
    let ranked = rank_people(&posting, vec![person], &regions, &skills, 1, Audience::Seeker);
    let (score, reasons) = ranked.people.into_iter().next().map_or((0.0, Vec::new()), |r| (round_score(r.scored.score), r.reasons));
    let reasons = serde_json::to_string(&reasons).context("encode invitation reasons")?;
    let invitation = NewInvitation { person_id, posting_id: posting.id, score, reasons: &reasons, actor: user.id };
    insert_invitation(&db, &invitation).await?;
    Ok(HttpResponse::Created().json(InvitationResponse { posting_id: posting.id, person_id }))
}
