//! `POST /api/v1/people/{id}/reveal`: the full ID-card number, audited.

use actix_web::web;
use doorstep_shared::api::RevealResponse;

use super::read::visible_person;
use crate::auth::StaffScope;
use crate::crypto::IdVault;
use crate::error::ApiError;
use crate::storage::{audit_reveal, Db};

/// Returns the full number to staff with jurisdiction and records who asked.
/// A POST, so it is never cached or prefetched.
#[utoipa::path(post, path = "/api/v1/people/{id}/reveal", tag = "people",
    responses((status = 200, body = RevealResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn reveal_id_number(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    vault: web::Data<IdVault>,
) -> Result<web::Json<RevealResponse>, ApiError> {
    let person = visible_person(&scope, &db, *path).await?;
    let id_number = vault.decrypt(&person.id_cipher)?;
    // Audit first: if the record cannot be written, the number is not shown.
    audit_reveal(&db, person.id, scope.user.id).await?;
    Ok(web::Json(RevealResponse { person_id: person.id, id_number: id_number.as_ref().to_string() }))
}
