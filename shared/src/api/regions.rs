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

    /// Returns how many digits the level's codes have.
    pub fn code_len(self) -> usize {
        match self {
            Self::Province => 2,
            Self::City => 4,
            Self::County => 6,
            Self::Town => 9,
            Self::Village => 12,
        }
    }
}

/// Names the geodetic datum of a lat/lon pair. The service stores WGS84 (what
/// GPS and browsers give); a `gcj02` pair (AMap/Gaode, Tencent and most
/// Chinese web maps) is converted once, where it is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Datum {
    /// World Geodetic System 1984: GPS, browsers' geolocation (the default).
    #[default]
    Wgs84,
    /// The Chinese "GCJ-02" datum of AMap (Gaode) and Tencent maps.
    Gcj02,
}

/// Describes one region (`GET /api/v1/regions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionResponse {
    /// Division code, canonical form: 2, 4, 6, 9 or 12 digits by level (6109, 610902001).
    pub code: String,
    /// The same region's official code: six digits for a province, city or county (610900), twelve for a town or village (610902001000).
    pub official_code: String,
    /// Chinese name.
    pub name: String,
    /// Level in the tree.
    pub level: RegionLevel,
    /// Code of the parent region; absent for provinces.
    pub parent: Option<String>,
    /// Latitude of the region's point, decimal degrees (WGS84, like every point the service answers).
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
    /// Datum of `lat`/`lon`; default `wgs84`.
    #[serde(default)]
    pub datum: Datum,
}

/// Reports an import of region points (`POST /api/v1/regions/points`, and
/// `doorstep import region-points FILE`): the good rows are applied together,
/// each bad row is named with its column and problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionPointsReport {
    /// Data rows read (the header not counted).
    pub rows: u32,
    /// Regions whose point was set (now `approximate = false`).
    pub applied: u32,
    /// The rows left out, and why.
    pub problems: Vec<RegionPointProblem>,
}

/// Names one bad row of a region-points file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionPointProblem {
    /// Row number as a spreadsheet shows it (the header is row 1).
    pub row: u32,
    /// The column's header as written in the file (for example 纬度 or lat).
    pub column: String,
    /// What kind of problem, for a client to word in its user's language.
    pub kind: PointProblemKind,
    /// What is wrong, in English, with the value in question.
    pub problem: String,
}

/// Names the kind of a bad row in a region-points file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PointProblemKind {
    /// The code names no region in the tree.
    UnknownRegion,
    /// The region lies outside the caller's jurisdiction.
    OutsideJurisdiction,
    /// An earlier row already gave this region (in any code form).
    Repeated,
    /// A latitude or longitude is not a number.
    NotANumber,
    /// The point is not in China (latitude and longitude swapped, perhaps).
    NotInChina,
    /// The datum is neither wgs84 nor gcj02.
    UnknownDatum,
}
