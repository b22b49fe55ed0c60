//! The administrative-division tree.

use serde::{Deserialize, Serialize};

/// Tells how high a region sits in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RegionLevel {
    /// Province, autonomous region or municipality (2-digit code).
    Province,
    /// Prefecture-level city (4 digits).
    City,
    /// County, county-level city or district (6 digits).
    County,
    /// Town, township or street (9 digits).
    Town,
    /// Village or community (12 digits).
    Village,
}

impl RegionLevel {
    /// Returns the level whose codes have this many digits.
    pub fn from_code_len(len: usize) -> Option<Self> {
        match len {
            2 => Some(Self::Province),
            4 => Some(Self::City),
            6 => Some(Self::County),
            9 => Some(Self::Town),
            12 => Some(Self::Village),
            _ => None,
        }
    }
}

/// Describes one region (`GET /api/v1/regions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionResponse {
    /// Official division code.
    pub code: String,
    /// Chinese name.
    pub name: String,
    /// Level in the tree.
    pub level: RegionLevel,
    /// Code of the parent region; absent for provinces.
    pub parent: Option<String>,
    /// Latitude of the region's point, decimal degrees.
    pub lat: f64,
    /// Longitude of the region's point, decimal degrees.
    pub lon: f64,
    /// True when the point was inherited from the county and awaits correction by staff.
    pub approximate: bool,
}

/// Moves a region's point (`PUT /api/v1/regions/{code}/point`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegionPointRequest {
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
}
