//! `GET` and `PUT /api/v1/me/profile`: a seeker's own person record. A
//! self-registered seeker creates it here (and can apply at once); the
//! categories they name stay claims until staff verify them through
//! `PATCH /api/v1/people/{id}`.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ErrorCode, PersonResponse, ProfileRequest, Role};

use super::convert::{this_year, to_response, write_error};
use crate::auth::CurrentUser;
use crate::crypto::IdVault;
use crate::domain::{parse_own_profile, OnRecord};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::storage::{get_person, insert_own_person, linked_person_id, set_sms_opt_out, update_person, Db, PersonValues, StoredPerson};

/// The seeker's own record.
#[utoipa::path(get, path = "/api/v1/me/profile", tag = "people",
    responses((status = 200, body = PersonResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`profile_missing`: not filled in yet")))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn get_profile(user: CurrentUser, db: web::Data<Db>, regions: web::Data<Regions>) -> Result<web::Json<PersonResponse>, ApiError> {
    match own_person(&user, &db).await? {
        Some(person) => Ok(web::Json(to_response(&person, &regions))),
        None => Err(ApiError::new(ErrorCode::ProfileMissing, "the profile is not filled in yet")),
    }
}

/// Creates (201) or replaces (200) the seeker's own record; verified categories stay.
/// `sms_opt_out` is the seeker's "no SMS": no push SMS while set.
#[utoipa::path(put, path = "/api/v1/me/profile", tag = "people", request_body = ProfileRequest,
    responses((status = 200, body = PersonResponse), (status = 201, body = PersonResponse),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "`duplicate_person` or `changed_meanwhile`"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = user.id))]
pub async fn put_profile(
    user: CurrentUser,
    body: ApiJson<ProfileRequest>,
    db: web::Data<Db>,
    vault: web::Data<IdVault>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<HttpResponse, ApiError> {
    let current = own_person(&user, &db).await?;
    let on_record = match &current {
        Some(p) => OnRecord { id_number: Some(vault.decrypt(&p.id_cipher)?.as_ref().to_string()), verified: p.categories.clone() },
        None => OnRecord::default(),
    };
    let opted_out = current.as_ref().is_some_and(|p| p.sms_opt_out);
    let mut req = body.0;
    let sms_opt_out = req.sms_opt_out.take();
    let draft = regions.read(|tree| parse_own_profile(req, &user.username, &on_record, tree, &skills, this_year())).map_err(ApiError::from)?;
    let values = PersonValues::seal(&draft, &vault)?;
    let (id, mut answer) = match current {
        Some(p) => {
            update_person(&db, p.id, &values, p.updated_at, user.id).await.map_err(|e| write_error(e, &regions))?;
            (p.id, HttpResponse::Ok())
        }
        None => (insert_own_person(&db, &values, user.id).await.map_err(|e| write_error(e, &regions))?, HttpResponse::Created()),
    };
    if let Some(opt_out) = sms_opt_out.filter(|v| *v != opted_out) {
        set_sms_opt_out(&db, id, opt_out, user.id).await?;
    }
    Ok(answer.json(to_response(&get_person(&db, id).await?, &regions)))
}

/// The person linked to a seeker's account, if any; other roles have no profile.
pub async fn own_person(user: &CurrentUser, db: &Db) -> Result<Option<StoredPerson>, ApiError> {
    if user.role != Role::Seeker {
        return Err(ApiError::forbidden("only job seekers have a profile"));
    }
    match linked_person_id(db, user.id).await? {
        Some(id) => Ok(Some(get_person(db, id).await?)),
        None => Ok(None),
    }
}
