//! Reference data: the skills taxonomy (`/api/v1/skills`) and the region tree (`/api/v1/regions`).

use doorstep_shared::api::{RegionResponse, SkillResponse};

use super::client::{fetch_json, get_with, ApiError};

/// Finds skills by any name or synonym; an empty query lists them all.
pub async fn search_skills(q: &str) -> Result<Vec<SkillResponse>, ApiError> {
    fetch_json(get_with("/api/v1/skills", &[("q", q.trim().to_string())])?).await
}

/// Lists the children of a region (for example the counties of 6109 Ankang).
pub async fn child_regions(parent: &str) -> Result<Vec<RegionResponse>, ApiError> {
    fetch_json(get_with("/api/v1/regions", &[("parent", parent.to_string())])?).await
}
