//! Employers (`/api/v1/employers`), for staff posting on an employer's behalf.

use doorstep_shared::api::EmployerPage;

use super::client::{fetch_json, get_with, ApiError};

/// Employers in the caller's jurisdiction whose name holds `q`, a first page.
pub async fn search_employers(q: &str) -> Result<EmployerPage, ApiError> {
    fetch_json(get_with("/api/v1/employers", &[("q", q.trim().to_string()), ("per_page", "8".to_string())])?).await
}
