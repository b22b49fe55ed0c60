//! `ApiJson<T>`: a JSON body extractor whose errors name the offending field
//! (`categories[1]`) in our error shape, with the size limit and the read
//! deadline from settings; `ApiQuery<T>`, its query-string twin, naming the
//! parameter (`min_price_fen`); and the one text-input rule, applied here to every
//! JSON body and by `text_rule_for_query` to every API query string: text
//! holds no control characters (NUL included) other than tab and line breaks.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::CONTENT_TYPE;
use actix_web::middleware::Next;
use actix_web::web::{Bytes, Data};
use actix_web::{FromRequest, HttpRequest};
use doorstep_shared::api::ErrorCode;
use futures::StreamExt;
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{unknown_field_name, ApiError};

/// The largest body accepted, shared by every JSON endpoint.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

/// How long a client may take to send a whole body.
#[derive(Clone, Copy)]
pub struct BodyTimeout(pub Duration);

/// A parsed JSON request body.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req.app_data::<Data<BodyLimit>>().map_or(64 * 1024, |l| l.0);
        let timeout = req.app_data::<Data<BodyTimeout>>().map_or(Duration::from_secs(10), |t| t.0);
        let is_json =
            req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
        let payload = payload.take();
        Box::pin(async move {
            if !is_json {
                return Err(ApiError::new(ErrorCode::UnsupportedMediaType, "content-type must be application/json"));
            }
            let body = read_body(payload, limit, timeout).await?;
            json_object(&body).map(ApiJson)
        })
    }
}

/// Reads a JSON object body already in hand (one whose raw bytes a handler
/// needs too, say to check a signature) as `ApiJson` does: errors name the
/// field, and the text rule applies.
pub fn json_object<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let value = parse(body)?;
    let document: Value = serde_json::from_slice(body).map_err(|e| ApiError::new(ErrorCode::InvalidJson, e.to_string()))?;
    // Serde would read a struct from an array of its fields in order; the contract says object.
    if !document.is_object() {
        return Err(ApiError::new(ErrorCode::InvalidJson, "the body must be a json object"));
    }
    check_text(&document)?;
    Ok(value)
}

/// A parsed query string whose errors name the parameter at fault in our
/// error shape (400 `invalid_parameter`): `web::Query` passes on serde's
/// message alone, which names no parameter for a bad number or spelling.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for ApiQuery<T> {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(ApiQuery))
    }
}

fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = format!("invalid query string: {}", e.into_inner());
        // An unknown parameter fails before it becomes the path; its name is in the message.
        let field = if path == "." { unknown_field_name(&message) } else { Some(path) };
        ApiError::with_fields(ErrorCode::InvalidParameter, message, &field.iter().map(String::as_str).collect::<Vec<_>>())
    })
}

/// The largest uploaded file (a gazetteer of a few thousand rows is far smaller).
pub const FILE_LIMIT: usize = 4 * 1024 * 1024;

/// An uploaded file sent as the raw request body (CSV or a spreadsheet by
/// default), read under `LIMIT` bytes and the body deadline, whatever its
/// Content-Type; its content is the handler's to check.
pub struct FileBody<const LIMIT: usize = FILE_LIMIT>(pub Vec<u8>);

/// An uploaded image: a raw body of at most `images::MAX_UPLOAD_BYTES`.
pub type ImageBody = FileBody<{ crate::images::MAX_UPLOAD_BYTES }>;

/// The slowest link a file must still arrive over (a weak mountain signal,
/// about 256 kbit/s): a file's deadline grows with its size limit, so a
/// full-size photo from a phone is not cut off by the JSON bodies' deadline.
const SLOW_LINK_BYTES_PER_SEC: usize = 32 * 1024;

impl<const LIMIT: usize> FromRequest for FileBody<LIMIT> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let timeout = file_deadline(req.app_data::<Data<BodyTimeout>>().map_or(Duration::from_secs(10), |t| t.0), LIMIT);
        let payload = payload.take();
        Box::pin(async move { read_body(payload, LIMIT, timeout).await.map(FileBody) })
    }
}

/// How long a file of at most `limit` bytes may take: the bodies' deadline,
/// or the time the largest file takes over the slowest link.
fn file_deadline(body_timeout: Duration, limit: usize) -> Duration {
    body_timeout.max(Duration::from_secs((limit / SLOW_LINK_BYTES_PER_SEC) as u64))
}

/// Reads a whole body, refusing one over `limit` bytes or slower than `timeout`.
async fn read_body(mut payload: Payload, limit: usize, timeout: Duration) -> Result<Vec<u8>, ApiError> {
    let deadline = tokio::time::Instant::now() + timeout;
    let mut body = Vec::new();
    loop {
        let next = tokio::time::timeout_at(deadline, payload.next())
            .await
            .map_err(|_| ApiError::new(ErrorCode::RequestTimeout, format!("the body did not arrive within {} s", timeout.as_secs())))?;
        let Some(chunk) = next else { break };
        let chunk: Bytes = chunk.map_err(|e| ApiError::new(ErrorCode::InvalidJson, format!("cannot read body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::new(ErrorCode::PayloadTooLarge, format!("body is larger than {limit} bytes")));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let fields = if path == "." { Vec::new() } else { vec![path] };
        let message = format!("invalid json: {}", e.into_inner());
        ApiError::Refused { code: ErrorCode::InvalidJson, message, fields, suggestions: Vec::new() }
    })?;
    de.end().map_err(|e| ApiError::new(ErrorCode::InvalidJson, format!("invalid json: {e}")))?;
    Ok(value)
}

/// Whether a character is refused in text input.
fn refused(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

fn text_refused(field: &str) -> ApiError {
    ApiError::validation(field, format!("{field} must not contain control characters"))
}

/// Applies the text rule to every string and key of a JSON document, naming the first offending path.
fn check_text(value: &Value) -> Result<(), ApiError> {
    let mut stack = vec![(String::new(), value)];
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::String(s) if s.chars().any(refused) => return Err(text_refused(if path.is_empty() { "." } else { &path })),
            Value::Array(items) => stack.extend(items.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v))),
            Value::Object(map) => {
                for (key, v) in map {
                    let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    if key.chars().any(refused) {
                        return Err(text_refused(&child));
                    }
                    stack.push((child, v));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Applies the text rule to a raw query string: each name and value must be
/// valid percent-encoded UTF-8 (400 otherwise) and free of control characters (422).
pub fn check_query(query: &str) -> Result<(), ApiError> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| percent_decode_str(&s.replace('+', " ")).decode_utf8().map(|c| c.into_owned());
        let name = decode(name).map_err(|_| ApiError::new(ErrorCode::InvalidParameter, "query string is not valid utf-8"))?;
        let value = decode(value).map_err(|_| ApiError::with_fields(ErrorCode::InvalidParameter, format!("{name} is not valid utf-8"), &[&name]))?;
        if name.chars().chain(value.chars()).any(refused) {
            return Err(text_refused(&name));
        }
    }
    Ok(())
}

/// Middleware for the API scope: refuses a query string that breaks the text rule before any handler runs.
pub async fn text_rule_for_query(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    check_query(req.query_string())?;
    next.call(req).await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{check_query, check_text, file_deadline, parse, parse_query};
    use doorstep_shared::api::{PersonUpdate, ProductSort};

    #[test]
    fn a_full_size_photo_has_time_to_arrive_over_a_weak_signal_and_small_files_keep_the_body_deadline() {
        let ten = Duration::from_secs(10);
        assert_eq!(file_deadline(ten, 8 * 1024 * 1024), Duration::from_secs(256));
        assert_eq!(file_deadline(ten, 64 * 1024), ten);
    }

    #[test]
    fn errors_name_the_field_path() {
        let err = parse::<PersonUpdate>(br#"{"categories": ["dibao", "rich"]}"#).expect_err("must fail");
        match err {
            crate::error::ApiError::Refused { fields, .. } => assert_eq!(fields, vec!["categories[1]"]),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn query_errors_name_the_parameter() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Q {
            page: Option<u32>,
            sort: Option<ProductSort>,
            q: Option<String>,
        }
        let field = |query: &str| match parse_query::<Q>(query) {
            Err(crate::error::ApiError::Refused { fields, .. }) => fields,
            other => panic!("{query}: unexpected {other:?}"),
        };
        assert_eq!(field("page=x"), vec!["page"]);
        assert_eq!(field("q=%E8%8C%B6&sort=cheapest"), vec!["sort"]);
        assert_eq!(field("colour=red"), vec!["colour"]);
        let ok = parse_query::<Q>("q=%E5%AF%8C%E7%A1%92+%E8%8C%B6&sort=price_asc&page=2").expect("valid");
        assert_eq!((ok.q.as_deref(), ok.sort, ok.page), (Some("富硒 茶"), Some(ProductSort::PriceAsc), Some(2)));
    }

    #[test]
    fn invalid_utf8_and_trailing_garbage_are_rejected() {
        assert!(parse::<PersonUpdate>(b"{\"name\": \"\xff\"}").is_err());
        assert!(parse::<PersonUpdate>(br#"{"name": "a"} x"#).is_err());
    }

    #[test]
    fn control_characters_are_refused_naming_the_path() {
        let fields = |r: Result<(), crate::error::ApiError>| match r {
            Err(crate::error::ApiError::Refused { fields, .. }) => fields,
            other => panic!("unexpected {other:?}"),
        };
        let doc = serde_json::json!({"name": "ok\nline", "preferences": {"notes": ["fine", "bad\u{0}"]}});
        assert_eq!(fields(check_text(&doc)), vec!["preferences.notes[1]"]);
        assert!(check_text(&serde_json::json!({"note": "tab\there\r\n"})).is_ok());
        assert_eq!(fields(check_query("page=2&q=a%00b")), vec!["q"]);
        assert_eq!(fields(check_query("q=%FF")), vec!["q"]);
        assert!(check_query("q=%E7%BC%9D+%E7%BA%AB&page=1").is_ok());
    }
}
