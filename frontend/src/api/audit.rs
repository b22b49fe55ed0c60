//! The audit log (`/api/v1/audit`), for administrators.

use doorstep_shared::api::AuditPage;

use super::client::{fetch_json, get_with, paging, ApiError};

/// Audit entries per page.
pub const AUDIT_PER_PAGE: u32 = 50;

/// One page of the audit log, newest first.
pub async fn audit_log(page: u32) -> Result<AuditPage, ApiError> {
    fetch_json(get_with("/api/v1/audit", &paging(page, AUDIT_PER_PAGE))?).await
}
