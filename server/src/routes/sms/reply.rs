//! `POST /api/v1/sms/replies`: the gateway's callback with a reply a phone
//! sent. The body is signed like our requests to the gateway (HMAC-SHA256
//! with `sms.secret`, hex, in `x-doorstep-signature`); a reply of "TD" or
//! "退订" opts everyone registered with that phone out of push SMS. Any other
//! reply is acknowledged and changes nothing, so the gateway never retries.

use actix_web::{web, HttpRequest};
use doorstep_shared::api::{ErrorCode, SmsReplyRequest, SmsReplyResponse};
use doorstep_shared::types::Phone;

use crate::error::ApiError;
use crate::extract::{json_object, FileBody};
use crate::sms::{is_opt_out_reply, masked, verify, SmsReplySecret, SIGNATURE_HEADER};
use crate::storage::{opt_out_phone, Db};

/// A reply is a phone number and a few words.
const REPLY_LIMIT: usize = 4 * 1024;

/// Takes a reply the gateway received; "TD" or "退订" opts the phone's people out of push SMS.
#[utoipa::path(post, path = "/api/v1/sms/replies", tag = "sms", request_body = SmsReplyRequest,
    params(("x-doorstep-signature" = String, Header, description = "HMAC-SHA256 of the body with the gateway secret, hex")),
    responses((status = 200, body = SmsReplyResponse), (status = 400, body = doorstep_shared::api::ApiErrorBody),
              (status = 401, body = doorstep_shared::api::ApiErrorBody, description = "no or a wrong signature, or no secret configured"),
              (status = 413, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn receive_sms_reply(
    req: HttpRequest,
    body: FileBody<REPLY_LIMIT>,
    secret: web::Data<SmsReplySecret>,
    db: web::Data<Db>,
) -> Result<web::Json<SmsReplyResponse>, ApiError> {
    let Some(secret) = &secret.0 else {
        return Err(ApiError::with_fields(ErrorCode::Unauthenticated, "sms replies are not taken: no sms.secret is configured", &[SIGNATURE_HEADER]));
    };
    let signature = req.headers().get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !verify(secret, &body.0, signature) {
        return Err(ApiError::with_fields(ErrorCode::Unauthenticated, "the signature does not match the body", &[SIGNATURE_HEADER]));
    }
    let reply: SmsReplyRequest = json_object(&body.0)?;
    let phone = Phone::parse(&reply.phone).map_err(|e| ApiError::validation("phone", e))?;
    if !is_opt_out_reply(&reply.text) {
        return Ok(web::Json(SmsReplyResponse { opt_out: false, people: 0 }));
    }
    let people = opt_out_phone(&db, phone.as_ref()).await?;
    tracing::info!(phone = %masked(phone.as_ref()), people, "opted out of push sms by reply");
    Ok(web::Json(SmsReplyResponse { opt_out: true, people }))
}
