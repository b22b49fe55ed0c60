//! The one error type handlers return, mapped once to status and JSON body,
//! plus the extractor error handlers that give bad input the same shape.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use doorstep_shared::api::{ApiError as ApiErrorDto, ApiErrorBody, ErrorCode, SkillSuggestion};

use crate::storage::StorageError;

/// A failed request: an expected refusal with a code, or an unexpected fault.
#[derive(thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    /// `suggestions`: skills offered for a skill word that did not resolve ("did you mean").
    Refused { code: ErrorCode, message: String, fields: Vec<String>, suggestions: Vec<SkillSuggestion> },
    /// Too many requests: answered 429 with `Retry-After`, the seconds after which a retry is allowed.
    #[error("{message}")]
    RateLimited { message: String, retry_after_secs: u64 },
    #[error("unexpected error")]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::Refused { code, message: message.into(), fields: Vec::new(), suggestions: Vec::new() }
    }

    /// A refusal naming the inputs at fault.
    pub fn with_fields(code: ErrorCode, message: impl Into<String>, fields: &[&str]) -> Self {
        let fields = fields.iter().map(|f| (*f).to_string()).collect();
        Self::Refused { code, message: message.into(), fields, suggestions: Vec::new() }
    }

    /// A refusal for too many requests; the client may retry after `retry_after_secs`.
    pub fn rate_limited(message: impl Into<String>, retry_after_secs: u64) -> Self {
        Self::RateLimited { message: message.into(), retry_after_secs }
    }

    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::with_fields(ErrorCode::ValidationFailed, message, &[field])
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what} not found"))
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }

    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthenticated, message)
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Refused { code, .. } => *code,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::Unexpected(_) => ErrorCode::Internal,
        }
    }
}

impl From<StorageError> for ApiError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound(what) => Self::not_found(what),
            StorageError::Unexpected(e) => Self::Unexpected(e),
        }
    }
}

/// The answer to a refused move or edit, for every status machine.
pub fn status_refusal(r: crate::domain::StatusRefusal) -> ApiError {
    use crate::domain::StatusRefusal;
    match r {
        StatusRefusal::Illegal { from, to } => ApiError::new(ErrorCode::MoveNotAllowed, format!("a {from} record cannot become {to}")),
        StatusRefusal::NotEditable { status } => ApiError::new(ErrorCode::MoveNotAllowed, format!("a {status} record cannot be changed")),
    }
}

impl From<crate::domain::FieldErrors> for ApiError {
    /// One 422 naming every bad field, messages joined.
    fn from(errors: crate::domain::FieldErrors) -> Self {
        Self::fields_refused(ErrorCode::ValidationFailed, errors)
    }
}

impl ApiError {
    /// One refusal with `code` naming every bad field, messages joined, with
    /// the skills offered for skill words that did not resolve.
    pub fn fields_refused(code: ErrorCode, errors: crate::domain::FieldErrors) -> Self {
        let message = errors.0.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join("; ");
        let fields = errors.0.into_iter().map(|(f, _)| f).collect();
        Self::Refused { code, message, fields, suggestions: errors.1 }
    }
}

impl std::fmt::Debug for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Refused { code, message, fields, .. } => {
                write!(f, "{code:?}: {message} {fields:?}")
            }
            Self::RateLimited { message, retry_after_secs } => write!(f, "RateLimited: {message} (retry after {retry_after_secs} s)"),
            // {:?} on anyhow prints the whole cause chain.
            Self::Unexpected(e) => write!(f, "{e:?}"),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.code().http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let (message, fields, suggestions) = match self {
            Self::Refused { message, fields, suggestions, .. } => (message.clone(), fields.clone(), suggestions.clone()),
            Self::RateLimited { message, .. } => (message.clone(), Vec::new(), Vec::new()),
            Self::Unexpected(e) => {
                // The client learns nothing about the cause; the log gets all of it.
                tracing::error!(error.cause_chain = ?e, "request failed unexpectedly");
                ("internal server error".to_string(), Vec::new(), Vec::new())
            }
        };
        let body = ApiErrorBody { error: ApiErrorDto { code: self.code(), message, fields, suggestions } };
        let mut response = HttpResponse::build(self.status_code());
        if let Self::RateLimited { retry_after_secs, .. } = self {
            response.insert_header((actix_web::http::header::RETRY_AFTER, retry_after_secs.to_string()));
        }
        response.json(body)
    }
}

/// Answers query-string parse failures with our shape.
pub fn query_error(err: actix_web::error::QueryPayloadError, _: &actix_web::HttpRequest) -> actix_web::Error {
    let message = format!("invalid query string: {err}");
    let field = unknown_field_name(&message);
    ApiError::with_fields(ErrorCode::InvalidParameter, message, &field.iter().map(String::as_str).collect::<Vec<_>>()).into()
}

/// Answers path parse failures (a non-numeric id) with our shape.
pub fn path_error(err: actix_web::error::PathError, _: &actix_web::HttpRequest) -> actix_web::Error {
    ApiError::new(ErrorCode::InvalidParameter, format!("invalid path parameter: {err}")).into()
}

/// serde_urlencoded does not report paths; the field name is in its message.
pub(crate) fn unknown_field_name(message: &str) -> Option<String> {
    let start = message.find("field `")? + 7;
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}
