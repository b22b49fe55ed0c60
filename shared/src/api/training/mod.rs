//! The training platform (技能培训): courses, their sessions, enrolment with a
//! waitlist, attendance, completion and certificates. The enums every part
//! shares live here; each resource's bodies live in its own file.

use serde::{Deserialize, Serialize};

pub mod course_sessions;
pub mod courses;

pub use course_sessions::*;
pub use courses::*;
pub mod enrolments;
pub use enrolments::*;
pub mod certificates;
pub use certificates::*;
pub mod search;
pub use search::*;

/// Says who runs a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProviderKind {
    /// A training school (培训学校).
    School,
    /// A vocational college (职业院校).
    College,
    /// An employer that trains (企业培训).
    Employer,
}

/// Names where a course is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum CourseStatus {
    /// Being written; not shown to seekers.
    Draft,
    /// Shown; its sessions take enrolments.
    Published,
    /// No longer offered.
    Archived,
}

/// Names where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SessionStatus {
    /// Taking enrolments.
    Open,
    /// Every place is taken; new enrolments join the waitlist.
    Full,
    /// Started.
    Running,
    /// Ended.
    Finished,
    /// Called off; the enrolled are told.
    Cancelled,
}

/// Names the part of the day a session meets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Period {
    /// During the day.
    Daytime,
    /// In the evening (for carers and left-behind women).
    Evening,
}

/// Names a day of the week a session meets on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

/// Names where an enrolment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EnrolmentStatus {
    /// Holds a place.
    Enrolled,
    /// Waiting for a place, served in order.
    Waitlisted,
    /// Gave up the place (or the waitlist entry), or the session was cancelled.
    Cancelled,
    /// Finished the course; a certificate was issued.
    Completed,
    /// Did not finish (with a reason).
    NotCompleted,
}

/// Names a training notice in a person's inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum NoticeKind {
    /// A waitlist entry became a place.
    WaitlistPromoted,
    /// A session the person was enrolled in was cancelled.
    SessionCancelled,
    /// A certificate was issued to the person.
    CertificateIssued,
}

// Staff figures (issue 11 part 9).
pub mod figures;
pub use figures::*;
pub mod suggestions;
pub use suggestions::*;
