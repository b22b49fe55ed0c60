//! The append-only record of staff actions on personal data.

use serde::{Deserialize, Serialize};

/// Describes one audited action (`GET /api/v1/audit`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryResponse {
    /// Sequence number.
    pub id: i64,
    /// Who acted.
    pub actor_user_id: i64,
    /// Their username at the time.
    pub actor_username: String,
    /// What they did, for example `person.reveal_id`.
    pub action: String,
    /// The kind of record, for example `person`.
    pub entity: String,
    /// The record's id.
    pub entity_id: i64,
    /// When, as seconds since the Unix epoch.
    pub at: i64,
    /// What the action covered when no single record says it, for example an
    /// export's filter, row count and whether ID numbers were in full.
    #[serde(default)]
    pub detail: Option<String>,
}

/// Lists audit entries, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The entries on this page.
    pub items: Vec<AuditEntryResponse>,
    /// Number of entries in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
