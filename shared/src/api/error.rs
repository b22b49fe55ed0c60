//! The one JSON error shape every failing endpoint answers with.

use serde::{Deserialize, Serialize};

/// Stable, machine-readable reasons a request failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON, or a field has the wrong type or an unknown value.
    InvalidJson,
    /// A query string or path parameter could not be parsed.
    InvalidParameter,
    /// The input parsed but breaks a domain rule (checksum, range, unknown code).
    ValidationFailed,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// No valid session, or wrong username or password.
    Unauthenticated,
    /// The session is valid but its role or jurisdiction does not allow this.
    Forbidden,
    /// The record does not exist, or lies outside the caller's jurisdiction.
    NotFound,
    /// The request conflicts with existing data (for example a duplicate username).
    Conflict,
    /// A person with the same ID-card number is already registered.
    DuplicatePerson,
    /// The person already has an active application to this posting.
    AlreadyApplied,
    /// The posting is not open for applications (under review, filled, closed or expired).
    PostingNotOpen,
    /// The seeker has not filled in their own profile yet (no person record).
    ProfileMissing,
    /// The phone number already belongs to an account.
    PhoneTaken,
    /// Someone else changed the record meanwhile; reloading shows the new state.
    ChangedMeanwhile,
    /// The status move is not allowed from where the record stands now.
    MoveNotAllowed,
    /// The posting has hired everyone it needs.
    HeadcountReached,
    /// This follow-up month is already recorded.
    AlreadyRecorded,
    /// The follow-up is due later: its months have not passed since the start.
    TooEarly,
    /// The person has not agreed to be shown to employers.
    NoConsent,
    /// The password is too easy to guess: common, or made of the phone or the name.
    WeakPassword,
    /// The sign-up code is wrong, expired or tried too often; ask for a new one.
    WrongCode,
    /// A push is already running for this region, or for one containing it or inside it; the message names its id.
    PushRunning,
    /// The person already holds a place, or a waitlist entry, in this course session.
    AlreadyEnrolled,
    /// The course session takes no enrolments now (not open or full, or its course is not published).
    SessionNotOpen,
    /// The enrolment deadline of the course session has passed.
    EnrolmentClosed,
    /// The course is for assistance categories the person has none of (verified); `fields` lists them.
    NotEligible,
    /// The person holds a place in another course session meeting on the same day and part of the day.
    ScheduleClash,
    /// No certificate has this number and verification code (which of the two is wrong is not said).
    CertificateNotFound,
    /// The enrolment's completion is already recorded (completed or not).
    AlreadyCompleted,
    /// The training session has not started (or was cancelled): attendance and completion wait for it to run.
    SessionNotRunning,
    /// A product has fewer units in stock than ordered (or is not on sale); `fields` names the line.
    OutOfStock,
    /// The producer is not verified (or is suspended): its products cannot be listed or sold.
    ProducerNotVerified,
    /// This `Idempotency-Key` was used before with another request body.
    IdempotencyKeyReused,
    /// The uploaded file is not an image in a format the service takes (JPEG, PNG, WebP, GIF).
    NotAnImage,
    /// The product already has four images.
    TooManyImages,
    /// Too many attempts; retry later.
    RateLimited,
    /// The path exists but not for this method; the `Allow` header lists the methods it takes.
    MethodNotAllowed,
    /// The client did not send the whole body in time.
    RequestTimeout,
    /// Something failed on the server; the details are in its logs.
    Internal,
}

impl ErrorCode {
    /// Returns the HTTP status this code is answered with; the one place the mapping lives.
    pub fn http_status(self) -> u16 {
        match self {
            Self::InvalidJson | Self::InvalidParameter => 400,
            Self::ValidationFailed | Self::TooEarly | Self::WeakPassword | Self::WrongCode => 422,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::NotFound | Self::CertificateNotFound => 404,
            Self::Conflict
            | Self::DuplicatePerson
            | Self::AlreadyApplied
            | Self::PostingNotOpen
            | Self::ProfileMissing
            | Self::PhoneTaken
            | Self::ChangedMeanwhile
            | Self::MoveNotAllowed
            | Self::HeadcountReached
            | Self::AlreadyRecorded
            | Self::NoConsent
            | Self::PushRunning
            | Self::AlreadyEnrolled
            | Self::SessionNotOpen
            | Self::EnrolmentClosed
            | Self::NotEligible
            | Self::ScheduleClash => 409,
            Self::AlreadyCompleted | Self::SessionNotRunning => 409,
            Self::OutOfStock | Self::ProducerNotVerified | Self::TooManyImages => 409,
            Self::IdempotencyKeyReused | Self::NotAnImage => 422,
            Self::RateLimited => 429,
            Self::MethodNotAllowed => 405,
            Self::RequestTimeout => 408,
            Self::Internal => 500,
        }
    }
}

/// Describes what went wrong, in one sentence, with the offending inputs named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    /// Stable identifier of the failure.
    pub code: ErrorCode,
    /// Human-readable explanation (lowercase, English).
    pub message: String,
    /// Names of the inputs at fault, as JSON paths (`categories[1]`) or parameter names.
    #[serde(default)]
    pub fields: Vec<String>,
    /// Skills the server offers for a skill word it could not resolve, best first (at most 5
    /// per word): a client can ask "did you mean …". Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<SkillSuggestion>,
}

/// A skill offered for a word that is unknown or could mean several skills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SkillSuggestion {
    /// The field whose word this suggestion is for, as in `fields` (`skills[2]`).
    pub field: String,
    /// Skill code, for example `cooking`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// Wraps an [`ApiError`] as `{"error": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    /// The failure.
    pub error: ApiError,
}
