//! `PATCH /api/v1/people/{id}`

use actix_web::web;
use doorstep_shared::api::{PersonResponse, PersonUpdate};

use super::convert::{this_year, to_response, write_error};
use super::read::visible_person;
use crate::auth::StaffScope;
use crate::crypto::IdVault;
use crate::domain::{apply_update, parse_person, settle_claims, to_request};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::storage::{get_person, set_sms_opt_out, update_person, Db, PersonValues};

/// Changes the fields present in the body; the result passes the same checks as a new record.
/// Categories staff set count as verified; claims they name leave the claims. `sms_opt_out`
/// stops (or resumes) push SMS to the person.
#[utoipa::path(patch, path = "/api/v1/people/{id}", tag = "people", request_body = PersonUpdate,
    responses((status = 200, body = PersonResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn update_person_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<PersonUpdate>,
    db: web::Data<Db>,
    vault: web::Data<IdVault>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<PersonResponse>, ApiError> {
    let id = *path;
    let mut update = body.0;
    let current = visible_person(&scope, &db, id).await?;
    let claims = update.claimed_categories.take().unwrap_or_else(|| current.claimed_categories.clone());
    let sms_opt_out = update.sms_opt_out.take();
    let merged = apply_update(to_request(&current.unseal(&vault)?), update);
    let mut draft = regions.read(|tree| parse_person(merged, tree, &skills, this_year())).map_err(ApiError::from)?;
    draft.claimed_categories = settle_claims(claims, &draft.categories);
    scope.ensure(&draft.home_region, "home_region")?;
    let values = PersonValues::seal(&draft, &vault)?;
    update_person(&db, id, &values, current.updated_at, scope.user.id).await.map_err(|e| write_error(e, &regions))?;
    if let Some(opt_out) = sms_opt_out.filter(|v| *v != current.sms_opt_out) {
        set_sms_opt_out(&db, id, opt_out, scope.user.id).await?;
    }
    let stored = get_person(&db, id).await?;
    Ok(web::Json(to_response(&stored, &regions)))
}
