//! `GET /api/v1/certificates/verify?number=&code=`: the public check.

use actix_web::web;
use doorstep_shared::api::{CertificateCheck, ErrorCode};
use serde::Deserialize;

use crate::domain::{mask_name, same_code};
use crate::error::ApiError;
use crate::storage::{certificates_numbered, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct VerifyQuery {
    /// The certificate's number, for example `610902-2026-00001`.
    number: String,
    /// Its verification code (8 characters).
    code: String,
}

/// Anyone may check a certificate by number and code; the answer names the
/// course and the day, and the holder by a masked name only.
#[utoipa::path(get, path = "/api/v1/certificates/verify", tag = "training", params(VerifyQuery),
    responses((status = 200, body = CertificateCheck),
              (status = 404, body = doorstep_shared::api::ApiErrorBody, description = "`certificate_not_found`: the number or the code is wrong (not saying which)")))]
#[tracing::instrument(skip_all)]
pub async fn verify_certificate(query: web::Query<VerifyQuery>, db: web::Data<Db>) -> Result<web::Json<CertificateCheck>, ApiError> {
    let code = query.code.trim().to_uppercase();
    let found = certificates_numbered(&db, query.number.trim()).await?.into_iter().find(|c| same_code(&c.verify_code, &code));
    let Some(c) = found else {
        return Err(ApiError::new(ErrorCode::CertificateNotFound, "no certificate has this number and code"));
    };
    Ok(web::Json(CertificateCheck {
        number: c.number,
        course_title: c.course_title,
        issued_on: c.issued_on,
        masked_name: mask_name(&c.person_name),
        valid: true,
    }))
}
