//! Courses (`/api/v1/courses`): what is taught, by whom, for whom; written by
//! staff inside their jurisdiction, read by anyone once published.

use serde::{Deserialize, Serialize};

use super::{CourseStatus, ProviderKind};
use crate::api::{AssistanceCategory, SkillName};

/// Creates a course (`POST /api/v1/courses`); it starts as a draft.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CourseRequest {
    /// Short title, for example 缝纫工技能培训.
    pub title: String,
    /// Who runs it, for example 安康市职业技能培训学校.
    pub provider: String,
    /// What kind of provider it is.
    pub provider_kind: ProviderKind,
    /// What is taught, how, what it leads to.
    #[serde(default)]
    pub description: String,
    /// The region that owns the course (county or town code in any official form).
    pub region_code: String,
    /// Skills the course certifies: codes or any name or synonym.
    #[serde(default)]
    pub skills: Vec<String>,
    /// Teaching hours.
    pub hours: u32,
    /// Subsidy paid to a participant, whole yuan.
    #[serde(default)]
    pub subsidy_yuan: u32,
    /// Who may enrol: people with any one of these categories; empty for anyone.
    #[serde(default)]
    pub categories: Vec<AssistanceCategory>,
}

/// Changes a course (`PATCH /api/v1/courses/{id}`); absent fields stay.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CourseUpdate {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Provider.
    #[serde(default)]
    pub provider: Option<String>,
    /// Provider kind.
    #[serde(default)]
    pub provider_kind: Option<ProviderKind>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Owning region.
    #[serde(default)]
    pub region_code: Option<String>,
    /// Skills (replaces the list).
    #[serde(default)]
    pub skills: Option<Vec<String>>,
    /// Teaching hours.
    #[serde(default)]
    pub hours: Option<u32>,
    /// Subsidy, whole yuan.
    #[serde(default)]
    pub subsidy_yuan: Option<u32>,
    /// Eligibility (replaces the list; empty for anyone).
    #[serde(default)]
    pub categories: Option<Vec<AssistanceCategory>>,
}

/// Describes a course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Course {
    /// The course's id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Provider.
    pub provider: String,
    /// Provider kind.
    pub provider_kind: ProviderKind,
    /// Description.
    pub description: String,
    /// Owning region code (canonical form).
    pub region_code: String,
    /// Owning region's official code (six or twelve digits).
    pub region_official_code: String,
    /// Owning region's name (county and town).
    pub region_name: String,
    /// Certified skill codes.
    pub skills: Vec<String>,
    /// The same skills with their names, in the same order.
    pub skill_names: Vec<SkillName>,
    /// Teaching hours.
    pub hours: u32,
    /// Subsidy, whole yuan.
    pub subsidy_yuan: u32,
    /// Who may enrol; empty for anyone.
    pub categories: Vec<AssistanceCategory>,
    /// Where the course is in its life.
    pub status: CourseStatus,
    /// Sessions of the course, in any status.
    pub session_count: u32,
    /// Sessions still taking enrolments (open or full, with a waitlist).
    pub open_session_count: u32,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Lists courses, with the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CoursePage {
    /// The courses on this page.
    pub items: Vec<Course>,
    /// Matching courses in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
