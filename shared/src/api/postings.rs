//! Job postings: created by employers or staff, reviewed by staff, searched by everyone.

use serde::{Deserialize, Serialize};

use super::Schedule;
use crate::types::Day;

/// Tells how physically hard the work is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PhysicalDemand {
    /// Seated or light work.
    Light,
    /// Standing, walking, moderate lifting.
    Medium,
    /// Heavy lifting, construction, field work.
    Heavy,
}

impl PhysicalDemand {
    /// Returns 0 for light, 1 for medium, 2 for heavy.
    pub fn rank(self) -> u64 {
        self as u64
    }
}

/// Names where a posting is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PostingStatus {
    /// Waiting for staff review; not searchable.
    Pending,
    /// Approved and searchable until it expires.
    Open,
    /// Hires reached the headcount.
    Filled,
    /// Closed by the employer or staff.
    Closed,
    /// Refused by staff (for example a suspected fake job).
    Rejected,
}

/// Creates a posting (`POST /api/v1/postings`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostingRequest {
    /// The employer offering the work.
    pub employer_id: i64,
    /// Short title, for example 缝纫工.
    pub title: String,
    /// What the work is, hours, conditions.
    pub description: String,
    /// County, town or village code of the work site.
    pub region_code: String,
    /// Site latitude; without it the region's point.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Site longitude; without it the region's point.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Datum of `lat`/`lon`; default `wgs84`.
    #[serde(default)]
    pub datum: super::Datum,
    /// Required skills: codes or any name or synonym.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Lowest monthly wage, yuan.
    pub wage_min: u32,
    /// Highest monthly wage, yuan.
    pub wage_max: u32,
    /// People wanted.
    pub headcount: u32,
    /// Working pattern.
    pub schedule: Schedule,
    /// Whether housing is provided.
    #[serde(default)]
    pub accommodation: bool,
    /// How physically hard the work is.
    pub physical_demand: PhysicalDemand,
    /// Whether the site suits wheelchair users and other disabled people.
    #[serde(default)]
    pub accessible: bool,
    /// Last day the posting is valid, `YYYY-MM-DD`.
    pub valid_until: String,
}

/// Changes a posting (`PATCH /api/v1/postings/{id}`); absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostingUpdate {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Required skills (replaces the list).
    #[serde(default)]
    pub skills: Option<Vec<String>>,
    /// Lowest monthly wage.
    #[serde(default)]
    pub wage_min: Option<u32>,
    /// Highest monthly wage.
    #[serde(default)]
    pub wage_max: Option<u32>,
    /// People wanted.
    #[serde(default)]
    pub headcount: Option<u32>,
    /// Working pattern.
    #[serde(default)]
    pub schedule: Option<Schedule>,
    /// Housing provided.
    #[serde(default)]
    pub accommodation: Option<bool>,
    /// Physical demand.
    #[serde(default)]
    pub physical_demand: Option<PhysicalDemand>,
    /// Accessible site.
    #[serde(default)]
    pub accessible: Option<bool>,
    /// Last valid day.
    #[serde(default)]
    pub valid_until: Option<String>,
}

/// Carries the reason of a review decision.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReviewRequest {
    /// Why; required when rejecting.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Describes a posting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingResponse {
    /// The posting's id.
    pub id: i64,
    /// The employer's id.
    pub employer_id: i64,
    /// The employer's name.
    pub employer_name: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Site region code (canonical form).
    pub region_code: String,
    /// Site region's official code (six or twelve digits).
    pub region_official_code: String,
    /// Site region name (county and town).
    pub region_name: String,
    /// Site latitude.
    pub lat: f64,
    /// Site longitude.
    pub lon: f64,
    /// The site is the region's stand-in point (no lat/lon was given and the
    /// region's own point is approximate): no kilometres are shown to it.
    #[serde(default)]
    pub site_approximate: bool,
    /// Required skill codes.
    pub skills: Vec<String>,
    /// The same skills with their names, in the same order.
    pub skill_names: Vec<super::SkillName>,
    /// Lowest monthly wage, yuan.
    pub wage_min: u32,
    /// Highest monthly wage, yuan.
    pub wage_max: u32,
    /// People wanted.
    pub headcount: u32,
    /// People hired so far.
    pub hired: u32,
    /// Working pattern.
    pub schedule: Schedule,
    /// Housing provided.
    pub accommodation: bool,
    /// Physical demand.
    pub physical_demand: PhysicalDemand,
    /// Accessible site.
    pub accessible: bool,
    /// Last valid day.
    pub valid_until: Day,
    /// Review and life-cycle status.
    pub status: PostingStatus,
    /// Reason given by the reviewer, if any.
    pub review_note: Option<String>,
    /// Kilometres from the point the search was made from, when one was
    /// given and both it and the site are real points.
    pub distance_km: Option<f64>,
    /// The site's administrative relation to the region the search was made
    /// from, when one was given.
    #[serde(default)]
    pub nearness: Option<super::Nearness>,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Lists postings, with the total count of matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PostingPage {
    /// The postings on this page.
    pub items: Vec<PostingResponse>,
    /// Matching postings in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
