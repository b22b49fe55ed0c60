//! Searching course sessions: `GET /api/v1/training-sessions`.

use serde::{Deserialize, Serialize};

use super::{Period, Weekday};
use crate::types::Day;

/// One course session found by a search: what a list shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionSearchItem {
    /// The course session.
    pub session_id: i64,
    /// Its course.
    pub course_id: i64,
    /// The course's title.
    pub title: String,
    /// Who runs the course.
    pub provider: String,
    /// Where it is held: the region code.
    pub region: String,
    /// The region's name (with its county for a town).
    pub region_name: String,
    /// The first day.
    pub start_date: Day,
    /// The last day.
    pub end_date: Day,
    /// The days of the week it meets on.
    pub days: Vec<Weekday>,
    /// The part of the day it meets in.
    pub period: Period,
    /// Places not yet taken; 0 means enrolling joins the waitlist.
    pub free_places: u32,
    /// From the point searched from, when one was given.
    pub distance_km: Option<f64>,
}

/// Lists course sessions, with the total count of matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionSearchPage {
    /// The sessions on this page.
    pub items: Vec<SessionSearchItem>,
    /// Matching sessions in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
