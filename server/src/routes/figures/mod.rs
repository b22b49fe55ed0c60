//! Figures for staff, inside their jurisdiction: JSON for the dashboards.

mod employment;
mod sales;
mod training;

pub use employment::*;
pub use sales::*;
pub use training::*;

use doorstep_shared::types::RegionCode;
use serde::Deserialize;

use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::reference::Regions;

/// The region a figures request asks for (`region`, any official form),
/// inside the caller's jurisdiction; all of the jurisdiction by default.
pub fn figure_region(scope: &StaffScope, regions: &Regions, raw: Option<&str>) -> Result<Option<RegionCode>, ApiError> {
    match raw {
        Some(raw) => {
            let region = regions.read(|t| t.resolve(raw)).map_err(|e| ApiError::validation("region", e))?;
            scope.ensure(&region, "region")?;
            Ok(Some(region))
        }
        None => Ok(scope.jurisdiction().cloned()),
    }
}

/// The period and region of a figures request.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FiguresQuery {
    /// First month, `YYYY-MM` (default: eleven months before `to`).
    pub from: Option<String>,
    /// Last month, inclusive, `YYYY-MM` (default: this month); at most 120 months in all.
    pub to: Option<String>,
    /// Region code in any official form, inside the caller's jurisdiction (default: all of it).
    pub region: Option<String>,
}
