//! Training figures for staff (`GET /api/v1/training/figures`): enrolments,
//! completions and certificates in a period, each broken down by course,
//! area, month and assistance category, and how many certified people were
//! placed in a job within six months. Counted where the course session was
//! held, inside the caller's jurisdiction.

use serde::{Deserialize, Serialize};

use crate::api::{AssistanceCategory, RegionLevel, RegionRef};
use crate::types::YearMonth;

/// The training figures of a region for a period of months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingFigures {
    /// First month counted.
    pub from: YearMonth,
    /// Last month counted (inclusive).
    pub to: YearMonth,
    /// The region counted; absent for everywhere (an administrator without a `region`).
    pub region: Option<RegionRef>,
    /// The level of the areas in every `by_area` (the region's children): county, town or village.
    pub area_level: RegionLevel,
    /// Places taken (enrolled, completed or not completed; not waitlisted or cancelled)
    /// in sessions that start in the period, by the month they start.
    pub enrolments: TrainingBreakdown,
    /// Places completed in the period, by the day of completion (the certificate's issue day).
    pub completions: TrainingBreakdown,
    /// Certificates issued in the period, by issue day.
    pub certificates: TrainingBreakdown,
    /// Of the people certified in the period, how many started a job within six months of a certificate.
    pub placed: PlacedAfterTraining,
}

/// One figure, in all and broken down four ways; each breakdown adds up to
/// `total` except `by_category`, where a person in two categories counts in both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrainingBreakdown {
    /// The figure in all.
    pub total: u32,
    /// Courses with anything to count, largest first.
    pub by_course: Vec<CourseCount>,
    /// Every area of the region, in code order, zeros included.
    pub by_area: Vec<AreaCount>,
    /// Every month of the period, in order, zeros included.
    pub by_month: Vec<MonthCount>,
    /// Every assistance category, then `null` for people with no verified category.
    pub by_category: Vec<CategoryCount>,
}

/// A count for one course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CourseCount {
    /// The course's id.
    pub course_id: i64,
    /// The course's title.
    pub title: String,
    /// How many.
    pub count: u32,
}

/// A count for one area (a child region of the region counted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaCount {
    /// The area: a county, town or village.
    pub area: RegionRef,
    /// How many.
    pub count: u32,
}

/// A count for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthCount {
    /// The month.
    pub month: YearMonth,
    /// How many.
    pub count: u32,
}

/// A count for one assistance category (verified ones only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    /// `null`: people with no verified category.
    pub category: Option<AssistanceCategory>,
    /// How many.
    pub count: u32,
}

/// Certified people, and those of them placed in a job that started on or
/// after a certificate's issue day and no later than six months after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacedAfterTraining {
    /// People holding a certificate issued in the period.
    pub certified: u32,
    /// Of them, people placed within six months of one.
    pub placed: u32,
    /// By the area of the certificate's session, every area, zeros included; a
    /// person certified in two areas counts in each.
    pub by_area: Vec<AreaPlaced>,
}

/// Certified and placed people of one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaPlaced {
    /// The area: a county, town or village.
    pub area: RegionRef,
    /// People holding a certificate issued in the period.
    pub certified: u32,
    /// Of them, people placed within six months of one.
    pub placed: u32,
}
