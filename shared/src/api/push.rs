//! The push as a background job: `POST /api/v1/push` starts one and answers
//! at once; `GET /api/v1/push/{id}` reports its progress; `GET /api/v1/push`
//! lists recent ones. The request and the counts are in `applications.rs`
//! (`PushRequest`, `PushSummary`).

use serde::{Deserialize, Serialize};

use super::PushSummary;

/// Tells where a push job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PushState {
    /// People are being matched and pushed (or the job waits to be resumed after a restart).
    Running,
    /// Everyone in the region was handled.
    Finished,
    /// The job stopped on an error (the cause is in the server log).
    Failed,
}

/// Describes one push job and its progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushJob {
    /// The job's id.
    pub id: i64,
    /// The region pushed to (a code), or `None` for everywhere.
    pub region: Option<String>,
    /// New matches per person.
    pub top_k: u32,
    /// Running, finished or failed.
    pub state: PushState,
    /// People handled so far (seeking or not).
    pub people_done: u64,
    /// People registered in the region when the job started (grows if more register meanwhile).
    pub people_total: u64,
    /// What the job has done so far.
    pub summary: PushSummary,
    /// The staff member or admin who started it, if started over the API.
    pub started_by: Option<i64>,
    /// Started, seconds since the Unix epoch.
    pub started_at: i64,
    /// Finished or failed, seconds since the Unix epoch.
    pub finished_at: Option<i64>,
}

/// Lists push jobs, newest first (`GET /api/v1/push`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushJobPage {
    /// The jobs on this page.
    pub items: Vec<PushJob>,
    /// Jobs visible to the caller in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
