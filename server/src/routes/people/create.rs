//! `POST /api/v1/people`

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{PersonRequest, PersonResponse};

use super::convert::{this_year, to_response, write_error};
use crate::auth::StaffScope;
use crate::crypto::IdVault;
use crate::domain::parse_person;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::storage::{get_person, insert_person, Db, PersonValues};

/// Registers a person in the caller's jurisdiction.
#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonRequest,
    responses((status = 201, body = PersonResponse), (status = 403, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "duplicate id-card number; names the existing record's region"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn create_person(
    scope: StaffScope,
    body: ApiJson<PersonRequest>,
    db: web::Data<Db>,
    vault: web::Data<IdVault>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<HttpResponse, ApiError> {
    let draft = regions.read(|tree| parse_person(body.0, tree, &skills, this_year())).map_err(ApiError::from)?;
    scope.ensure(&draft.home_region, "home_region")?;
    let values = PersonValues::seal(&draft, &vault)?;
    let id = insert_person(&db, &values, scope.user.id).await.map_err(|e| write_error(e, &regions))?;
    let stored = get_person(&db, id).await?;
    Ok(HttpResponse::Created().json(to_response(&stored, &regions)))
}
