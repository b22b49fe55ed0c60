//! Attendance, completion and certificates of the training platform.

use serde::{Deserialize, Serialize};

use super::EnrolmentStatus;
use crate::types::Day;

/// Records one day's attendance of a session
/// (`POST /api/v1/training-sessions/{id}/attendance`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    /// The day, `YYYY-MM-DD`: inside the session's dates, on one of its weekdays.
    pub day: Day,
    /// Enrolment ids of the session present that day.
    #[serde(default)]
    pub present: Vec<i64>,
    /// Enrolment ids of the session absent that day.
    #[serde(default)]
    pub absent: Vec<i64>,
}

/// One enrolment's attendance so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceRow {
    /// The enrolment.
    pub enrolment_id: i64,
    /// The person enrolled.
    pub person_id: i64,
    /// Their name.
    pub person_name: String,
    /// Where the enrolment stands.
    pub status: EnrolmentStatus,
    /// Days recorded present, in order.
    pub present: Vec<Day>,
    /// Days recorded absent, in order.
    pub absent: Vec<Day>,
}

/// A session's attendance sheet: every enrolment holding a place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AttendanceSheet {
    /// The session.
    pub session_id: i64,
    /// One row per enrolment, in enrolment order.
    pub rows: Vec<AttendanceRow>,
}

/// Marks an enrolment completed or not (`POST /api/v1/enrolments/{id}/completion`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompletionRequest {
    /// Whether the person finished the course.
    pub completed: bool,
    /// Why not: required when `completed` is false.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A certified skill, named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamedSkill {
    /// Skill code, for example `sewing`.
    pub code: String,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
}

/// A certificate, as its owner and staff read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Certificate {
    /// The certificate's id.
    pub id: i64,
    /// `<issuing region's 6-digit code>-<year>-<5-digit sequence>`, for example `610902-2026-00001`.
    pub number: String,
    /// The code that proves it at the public check (owner and staff only).
    pub verify_code: String,
    /// The course.
    pub course_id: i64,
    /// The course's title.
    pub course_title: String,
    /// The session completed.
    pub session_id: i64,
    /// The skills it certifies.
    pub skills: Vec<NamedSkill>,
    /// The issuing region (the course's), canonical code.
    pub issuing_region: String,
    /// Its Chinese name.
    pub issuing_region_name: String,
    /// The day it was issued.
    pub issued_on: Day,
    /// The person it was issued to.
    pub person_id: i64,
    /// Their full name.
    pub person_name: String,
}

/// What completion did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompletionOutcome {
    /// The enrolment.
    pub enrolment_id: i64,
    /// `completed` or `not_completed`.
    pub status: EnrolmentStatus,
    /// The certificate issued on completion.
    #[serde(default)]
    pub certificate: Option<Certificate>,
}

/// A person's certificates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateList {
    /// Newest first.
    pub certificates: Vec<Certificate>,
}

/// The public check of a certificate: nothing that identifies the person but a masked name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CertificateCheck {
    /// The certificate's number.
    pub number: String,
    /// The course's title.
    pub course_title: String,
    /// The day it was issued.
    pub issued_on: Day,
    /// The holder's name, masked: the surname and a star per other character (王**).
    pub masked_name: String,
    /// Whether the certificate is valid.
    pub valid: bool,
}
