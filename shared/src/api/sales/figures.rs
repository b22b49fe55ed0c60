//! Sales figures for staff (`GET /api/v1/sales/figures`): the value of
//! delivered orders and the income it brought to households in a period, by
//! household, area, month and assistance category. Income is counted where
//! the household lives (as attributed on delivery), inside the caller's
//! jurisdiction; every sum is exact in fen.

use serde::{Deserialize, Serialize};

use crate::api::{AssistanceCategory, RegionLevel, RegionRef};
use crate::types::YearMonth;

/// The sales figures of a region for a period of months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesFigures {
    /// First month counted.
    pub from: YearMonth,
    /// Last month counted (inclusive).
    pub to: YearMonth,
    /// The region counted; absent for everywhere.
    pub region: Option<RegionRef>,
    /// The level of the areas in `by_area`.
    pub area_level: RegionLevel,
    /// Income to households in the region, fen, in all.
    pub income_fen: i64,
    /// Order parts delivered whose income reached a household in the region.
    pub delivered_parts: u32,
    /// Households that received income.
    pub households: u32,
    /// Every area of the region, in code order, zeros included.
    pub by_area: Vec<AreaIncome>,
    /// Every month of the period, in order, zeros included.
    pub by_month: Vec<MonthIncome>,
    /// Every assistance category, then `null` for households with no verified
    /// category; a household in two categories counts in both.
    pub by_category: Vec<CategoryIncome>,
    /// Households with income, largest first.
    pub by_household: Vec<HouseholdIncome>,
}

/// Income to one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaIncome {
    /// The area: a county, town or village.
    pub area: RegionRef,
    /// Income, fen.
    pub income_fen: i64,
    /// Households with income.
    pub households: u32,
}

/// Income in one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthIncome {
    /// The month of delivery.
    pub month: YearMonth,
    /// Income, fen.
    pub income_fen: i64,
}

/// Income to the households of one assistance category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CategoryIncome {
    /// `null`: households with no verified category.
    pub category: Option<AssistanceCategory>,
    /// Income, fen.
    pub income_fen: i64,
    /// Households.
    pub households: u32,
}

/// Income to one household.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdIncome {
    /// The person (head of household).
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Their area when attributed.
    pub region_name: String,
    /// Income, fen.
    pub income_fen: i64,
}
