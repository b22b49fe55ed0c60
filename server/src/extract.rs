//! `ApiJson<T>`: a JSON body extractor whose errors name the offending field
//! (`categories[1]`) in our error shape, with the size limit from settings.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest};
use doorstep_shared::api::ErrorCode;
use futures::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest body accepted, shared by every JSON endpoint.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

/// A parsed JSON request body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<Data<BodyLimit>>().map_or(64 * 1024, |l| l.0);
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "content-type must be application/json"));
            }
            let mut body = Vec::new();
            while let Some(chunk) = payload.next().await {
                let chunk: Bytes = chunk.map_err(|e| ApiError::new(ErrorCode::InvalidJson, format!("cannot read body: {e}")))?;
                if body.len() + chunk.len() > limit {
                    return Err(ApiError::new(ErrorCode::PayloadTooLarge, format!("body is larger than {limit} bytes")));
                }
                body.extend_from_slice(&chunk);
            }
            parse(&body).map(ApiJson)
        })
    }
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let fields = if path == "." { Vec::new() } else { vec![path] };
        let message = format!("invalid json: {}", e.into_inner());
        ApiError::Refused { code: ErrorCode::InvalidJson, message, fields }
    })?;
    de.end().map_err(|e| ApiError::new(ErrorCode::InvalidJson, format!("invalid json: {e}")))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use doorstep_shared::api::PersonUpdate;

    #[test]
    fn errors_name_the_field_path() {
        let err = parse::<PersonUpdate>(br#"{"categories": ["dibao", "rich"]}"#).expect_err("must fail");
        match err {
            crate::error::ApiError::Refused { fields, .. } => assert_eq!(fields, vec!["categories[1]"]),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn invalid_utf8_and_trailing_garbage_are_rejected() {
        assert!(parse::<PersonUpdate>(b"{\"name\": \"\xff\"}").is_err());
        assert!(parse::<PersonUpdate>(br#"{"name": "a"} x"#).is_err());
    }
}
