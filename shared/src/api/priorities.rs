//! Assistance categories a city or county favours in matching
//! (`/api/v1/regions/{code}/priorities`).

use serde::{Deserialize, Serialize};

use super::AssistanceCategory;

/// Names one favoured category and how strongly it is favoured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CategoryPriority {
    /// The category.
    pub category: AssistanceCategory,
    /// 1 (a slight preference) to 100 (the strongest).
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 100))]
    pub weight: u32,
}

/// Replaces a region's favoured categories (`PUT`); an empty list clears them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PrioritiesRequest {
    /// Each category at most once.
    pub priorities: Vec<CategoryPriority>,
}

/// Describes a region's favoured categories and which setting applies to the people living there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrioritiesResponse {
    /// The region (a city or county).
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// The region's own setting, strongest first.
    pub priorities: Vec<CategoryPriority>,
    /// The region whose setting applies to people living here: this region
    /// when it has one, else the city around a county; absent when none does.
    pub applies_from: Option<String>,
    /// That region's name.
    pub applies_from_name: Option<String>,
    /// The setting that applies, strongest first.
    pub applied: Vec<CategoryPriority>,
}
