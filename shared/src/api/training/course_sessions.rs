//! Sessions of a course (`/api/v1/courses/{id}/sessions`,
//! `/api/v1/training-sessions/{id}`): one run of a course at a place and time.

use serde::{Deserialize, Serialize};

use super::{Period, SessionStatus, Weekday};
use crate::api::{Datum, SkillName};
use crate::types::Day;

/// Creates a session of a course (`POST /api/v1/courses/{id}/sessions`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    /// First day, `YYYY-MM-DD`; not in the past.
    pub start_date: String,
    /// Last day, `YYYY-MM-DD`; not before the first.
    pub end_date: String,
    /// Last day to enrol, `YYYY-MM-DD`; default the day before the start.
    #[serde(default)]
    pub enrol_deadline: Option<String>,
    /// County, town or village code of the place, in any official form.
    pub region_code: String,
    /// Where exactly, for example 社区培训中心二楼.
    #[serde(default)]
    pub address: String,
    /// Site latitude; without it the region's point.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Site longitude; without it the region's point.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Datum of `lat`/`lon`; default `wgs84`.
    #[serde(default)]
    pub datum: Datum,
    /// Places.
    pub capacity: u32,
    /// Days of the week it meets on.
    pub days: Vec<Weekday>,
    /// Part of the day it meets in.
    pub period: Period,
}

/// Changes an open or full session (`PATCH /api/v1/training-sessions/{id}`); absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SessionUpdate {
    /// First day.
    #[serde(default)]
    pub start_date: Option<String>,
    /// Last day.
    #[serde(default)]
    pub end_date: Option<String>,
    /// Last day to enrol.
    #[serde(default)]
    pub enrol_deadline: Option<String>,
    /// Region of the place.
    #[serde(default)]
    pub region_code: Option<String>,
    /// Address.
    #[serde(default)]
    pub address: Option<String>,
    /// Site latitude (with `lon`).
    #[serde(default)]
    pub lat: Option<f64>,
    /// Site longitude (with `lat`).
    #[serde(default)]
    pub lon: Option<f64>,
    /// Datum of `lat`/`lon`.
    #[serde(default)]
    pub datum: Option<Datum>,
    /// Places; not fewer than are taken.
    #[serde(default)]
    pub capacity: Option<u32>,
    /// Days of the week.
    #[serde(default)]
    pub days: Option<Vec<Weekday>>,
    /// Part of the day.
    #[serde(default)]
    pub period: Option<Period>,
}

/// Calls a session off (`POST /api/v1/training-sessions/{id}/cancel`); the enrolled are told why.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelSessionRequest {
    /// Why, shown to everyone enrolled or waiting.
    pub reason: String,
}

/// Describes a session, with what the seeker needs of its course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseSession {
    /// The session's id.
    pub id: i64,
    /// The course's id.
    pub course_id: i64,
    /// The course's title.
    pub course_title: String,
    /// The course's provider.
    pub provider: String,
    /// Skill codes the course certifies.
    pub skills: Vec<String>,
    /// The same skills with their names, in the same order.
    pub skill_names: Vec<SkillName>,
    /// First day.
    pub start_date: Day,
    /// Last day.
    pub end_date: Day,
    /// Last day to enrol.
    pub enrol_deadline: Day,
    /// Region code of the place (canonical form).
    pub region_code: String,
    /// The region's official code (six or twelve digits).
    pub region_official_code: String,
    /// The region's name (county and town).
    pub region_name: String,
    /// Address.
    pub address: String,
    /// Site latitude.
    pub lat: f64,
    /// Site longitude.
    pub lon: f64,
    /// The site is the region's stand-in point: no kilometres are shown to it.
    pub site_approximate: bool,
    /// Places.
    pub capacity: u32,
    /// Places taken.
    pub enrolled: u32,
    /// Places left.
    pub free_places: u32,
    /// People on the waitlist.
    pub waitlisted: u32,
    /// Days of the week it meets on.
    pub days: Vec<Weekday>,
    /// Part of the day.
    pub period: Period,
    /// Where the session is in its life.
    pub status: SessionStatus,
    /// Why it was called off, when it was.
    pub cancel_reason: Option<String>,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Lists sessions, with the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseSessionPage {
    /// The sessions on this page.
    pub items: Vec<CourseSession>,
    /// Sessions in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
