//! `GET /api/v1/me/certificates` and `GET /api/v1/people/{id}/certificates`

use actix_web::web;
use doorstep_shared::api::{CertificateList, ErrorCode, Role};

use super::to_certificate;
use crate::auth::{CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::people::visible_person;
use crate::storage::{certificates_of, linked_person_id, Db};

/// The logged-in seeker's certificates, newest first, with their verification codes.
#[utoipa::path(get, path = "/api/v1/me/certificates", tag = "training",
    responses((status = 200, body = CertificateList), (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`profile_missing`")))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn my_certificates(
    user: CurrentUser,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CertificateList>, ApiError> {
    if user.role != Role::Seeker {
        return Err(ApiError::forbidden("only job seekers have certificates of their own"));
    }
    let Some(person_id) = linked_person_id(&db, user.id).await? else {
        return Err(ApiError::new(ErrorCode::ProfileMissing, "fill in your profile first"));
    };
    let certificates = certificates_of(&db, person_id).await?.iter().map(|c| to_certificate(c, &regions, &skills)).collect();
    Ok(web::Json(CertificateList { certificates }))
}

/// A person's certificates (staff, inside their jurisdiction).
#[utoipa::path(get, path = "/api/v1/people/{id}/certificates", tag = "training", responses((status = 200, body = CertificateList)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn person_certificates(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CertificateList>, ApiError> {
    let person = visible_person(&scope, &db, *path).await?;
    let certificates = certificates_of(&db, person.id).await?.iter().map(|c| to_certificate(c, &regions, &skills)).collect();
    Ok(web::Json(CertificateList { certificates }))
}
