//! Enrolment in a course session, the waitlist, and the training notices in a
//! person's inbox.

use serde::{Deserialize, Serialize};

use super::{EnrolmentStatus, NoticeKind, Period, Weekday};
use crate::types::Day;

/// Asks for a place in a session (or a waitlist entry when it is full).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnrolmentRequest {
    /// The person enrolled (staff only; seekers enrol as their linked person).
    #[serde(default)]
    pub person_id: Option<i64>,
}

/// Gives up a place or a waitlist entry.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EnrolmentCancelRequest {
    /// Why, in a few words (kept as the enrolment's note).
    #[serde(default)]
    pub note: Option<String>,
}

/// A person's place, or waitlist entry, in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Enrolment {
    /// The enrolment.
    pub id: i64,
    /// The course session.
    pub session_id: i64,
    /// The session's course.
    pub course_id: i64,
    /// The course's title.
    pub course_title: String,
    /// First day of the session.
    pub start_date: Day,
    /// Last day of the session.
    pub end_date: Day,
    /// Where it meets: region code and address.
    pub region_code: String,
    /// The address where it meets.
    pub address: String,
    /// The weekdays it meets on.
    pub days: Vec<Weekday>,
    /// The part of the day it meets in.
    pub period: Period,
    /// The person enrolled.
    pub person_id: i64,
    /// Shown only to the person and to staff governing their home.
    pub person_name: String,
    /// Place, waitlist entry, or how it ended.
    pub status: EnrolmentStatus,
    /// Place in the waitlist, from 1, while waitlisted.
    pub waitlist_position: Option<i64>,
    /// Why the place was cancelled or not completed.
    pub note: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
}

/// One page of enrolments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnrolmentPage {
    /// The enrolments on this page.
    pub items: Vec<Enrolment>,
    /// Enrolments in the list in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// A training notice in a person's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    /// The notice.
    pub id: i64,
    /// What happened.
    pub kind: NoticeKind,
    /// The course session it is about.
    pub session_id: i64,
    /// The course's title.
    pub course_title: String,
    /// The certificate issued, for `certificate_issued`.
    pub certificate_id: Option<i64>,
    /// Unix seconds.
    pub created_at: i64,
}

/// One page of notices, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticePage {
    /// The notices on this page.
    pub items: Vec<Notice>,
    /// Notices in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
