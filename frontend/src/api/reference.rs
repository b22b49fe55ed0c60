//! Reference data: the skills taxonomy (`/api/v1/skills`), the region tree (`/api/v1/regions`), the
//! categories a region favours (`/api/v1/regions/{code}/priorities`) and a bureau's gazetteer of
//! region points (`/api/v1/region-points`).

use doorstep_shared::api::{PrioritiesRequest, PrioritiesResponse, RegionPointsReport, RegionResponse, SkillResponse};
use gloo_net::http::Request;

use super::client::{fetch_json, get_with, plain, with_body, with_json, ApiError};

/// Finds skills by any name or synonym; an empty query lists them all.
pub async fn search_skills(q: &str) -> Result<Vec<SkillResponse>, ApiError> {
    fetch_json(get_with("/api/v1/skills", &[("q", q.trim().to_string())])?).await
}

/// Lists the children of a region (for example the counties of 6109 Ankang).
pub async fn child_regions(parent: &str) -> Result<Vec<RegionResponse>, ApiError> {
    fetch_json(get_with("/api/v1/regions", &[("parent", parent.to_string())])?).await
}

/// The categories a region favours in matching, and the setting that applies there.
pub async fn region_priorities(code: &str) -> Result<PrioritiesResponse, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/regions/{code}/priorities")))?).await
}

/// Replaces the categories a city or county favours.
pub async fn set_region_priorities(code: &str, request: &PrioritiesRequest) -> Result<PrioritiesResponse, ApiError> {
    fetch_json(with_json(Request::put(&format!("/api/v1/regions/{code}/priorities")), request)?).await
}

/// Uploads a gazetteer (CSV or XLSX, the chosen `File` as the raw body): the
/// good rows are applied, the bad ones reported by row and column.
pub async fn upload_region_points(file: wasm_bindgen::JsValue) -> Result<RegionPointsReport, ApiError> {
    fetch_json(with_body(Request::post("/api/v1/region-points"), file)?).await
}
