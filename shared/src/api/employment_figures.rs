//! Employment figures for staff (`GET /api/v1/employment/figures`): the
//! bureau's published results — postings pushed and people reached,
//! applications, referrals, hires, people placed nearby (家门口就业) or by
//! transfer (转移就业), each by area, month and assistance category — with
//! retention at 1, 3 and 6 months and the average placement wage. Each
//! record counts where its person lived when it happened, inside the
//! caller's jurisdiction; `GET /api/v1/employment/records` lists the
//! records behind any figure.

use serde::{Deserialize, Serialize};

use crate::api::{AreaCount, CategoryCount, MonthCount, PlacementKind, RegionLevel, RegionRef};
use crate::types::{Day, YearMonth};

/// Names what an employment figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum EmploymentMeasure {
    /// Postings pushed to people (inbox items from the push), dated by the push.
    Pushes,
    /// People who received at least one pushed posting.
    PeopleReached,
    /// People recommended a job: pushed one or referred by staff.
    PeopleRecommended,
    /// Applications people made themselves, dated by the application.
    Applications,
    /// Referrals staff made, dated by the referral.
    Referrals,
    /// Applications that ended in a hire, dated by the last change.
    Hires,
    /// People placed in a job in their own county, by the job's start.
    PlacedNearby,
    /// People placed in a job elsewhere (transfer employment), by the job's start.
    PlacedTransfer,
}

impl EmploymentMeasure {
    /// Tells whether the measure counts people (each once) rather than records.
    pub fn counts_people(self) -> bool {
        matches!(self, Self::PeopleReached | Self::PeopleRecommended | Self::PlacedNearby | Self::PlacedTransfer)
    }
}

/// The employment figures of a region for a period of months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentFigures {
    /// First month counted.
    pub from: YearMonth,
    /// Last month counted (inclusive).
    pub to: YearMonth,
    /// The region counted; absent for everywhere (an administrator without a `region`).
    pub region: Option<RegionRef>,
    /// The level of the areas in every `by_area` (the region's children).
    pub area_level: RegionLevel,
    /// One figure per measure, in the order of `EmploymentMeasure::ALL` (declaration order).
    pub figures: Vec<EmploymentFigure>,
    /// Of the placements that started in the period, how many stayed at 1, 3 and 6 months.
    pub retention: Vec<Retention>,
    /// The average monthly wage (yuan) of placements that started in the period; absent with none.
    pub average_wage: Option<u32>,
}

impl EmploymentFigures {
    /// The figure of one measure.
    pub fn figure(&self, measure: EmploymentMeasure) -> Option<&EmploymentFigure> {
        self.figures.iter().find(|f| f.measure == measure)
    }
}

/// One measure, in all and by area, month and category. A figure counting
/// people counts each once in `total`, once per area and once per month
/// (someone reached in two months counts in both months, once in all); in
/// `by_category` a person in two categories counts in both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentFigure {
    /// What is counted.
    pub measure: EmploymentMeasure,
    /// The figure in all.
    pub total: u32,
    /// Every area of the region, in code order, zeros included.
    pub by_area: Vec<AreaCount>,
    /// Every month of the period, in order, zeros included.
    pub by_month: Vec<MonthCount>,
    /// Every assistance category, then `null` for people with no verified category.
    pub by_category: Vec<CategoryCount>,
}

/// Retention of placements at one follow-up month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Retention {
    /// The follow-up month: 1, 3 or 6.
    pub after_months: u8,
    /// Placements whose follow-up is due by today.
    pub due: u32,
    /// Of them, follow-ups recorded.
    pub recorded: u32,
    /// Recorded as still employed.
    pub retained: u32,
    /// The same by area, every area, zeros included.
    pub by_area: Vec<AreaRetention>,
}

/// Retention of one area at one follow-up month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaRetention {
    /// The area.
    pub area: RegionRef,
    /// Placements whose follow-up is due by today.
    pub due: u32,
    /// Of them, follow-ups recorded.
    pub recorded: u32,
    /// Recorded as still employed.
    pub retained: u32,
}

/// One record behind an employment figure: a push, an application, a hire or a placement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentRecord {
    /// The person's id.
    pub person_id: i64,
    /// The person's name.
    pub name: String,
    /// The ID number, masked.
    pub id_number_masked: String,
    /// Where the person lived when it happened.
    pub region: RegionRef,
    /// The day it happened (for a placement: the job's start).
    pub day: Day,
    /// The posting.
    pub posting_id: i64,
    /// The posting's title.
    pub posting_title: String,
    /// The employer's name.
    pub employer: String,
    /// A placement's kind.
    pub kind: Option<PlacementKind>,
    /// A placement's monthly wage, yuan.
    pub monthly_wage: Option<u32>,
}

/// Lists the records behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmploymentRecordPage {
    /// The records on this page, newest first.
    pub items: Vec<EmploymentRecord>,
    /// Matching records in all (for a figure counting people: the records of the people counted).
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
