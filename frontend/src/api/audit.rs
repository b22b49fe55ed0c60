//! The audit log (`/api/v1/audit`), for administrators.

use doorstep_shared::api::AuditPage;

use super::client::{fetch_json, get_with, ApiError};

/// Audit entries per page.
pub const AUDIT_PER_PAGE: u32 = 50;

/// One page of the audit log, newest first.
pub async fn audit_log(page: u32) -> Result<AuditPage, ApiError> {
    let query = [
        ("page", page.max(1).to_string()),
        ("per_page", AUDIT_PER_PAGE.to_string()),
    ];
    fetch_json(get_with("/api/v1/audit", &query)?).await
}
