//! Applications, placements, follow-ups, and the push inbox.

use serde::{Deserialize, Serialize};

use super::Reason;
use crate::types::Day;

/// Names where an application stands. Moves: applied → interviewing →
/// hired | rejected, and applied | interviewing → withdrawn (by the seeker or staff).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ApplicationStatus {
    /// Sent by the seeker or referred by staff.
    Applied,
    /// The employer is talking to the person.
    Interviewing,
    /// Hired: a placement exists.
    Hired,
    /// Turned down by the employer.
    Rejected,
    /// Withdrawn by the seeker or staff.
    Withdrawn,
}

/// Tells how an application came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ApplicationSource {
    /// The seeker applied.
    Applied,
    /// Staff referred the person.
    Referral,
}

/// Applies (seeker: `posting_id` only) or refers (staff: with `person_id`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationRequest {
    /// The posting applied to; it must be open.
    pub posting_id: i64,
    /// The person referred (staff only; seekers apply as themselves).
    #[serde(default)]
    pub person_id: Option<i64>,
    /// A short note for the employer.
    #[serde(default)]
    pub note: Option<String>,
}

/// Moves an application (`POST /api/v1/applications/{id}/status`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApplicationStatusRequest {
    /// The new status.
    pub status: ApplicationStatus,
    /// For `hired`: first working day, `YYYY-MM-DD`.
    #[serde(default)]
    pub start_date: Option<String>,
    /// For `hired`: agreed monthly wage, yuan.
    #[serde(default)]
    pub monthly_wage: Option<u32>,
    /// Why (shown to staff).
    #[serde(default)]
    pub note: Option<String>,
}

/// Describes an application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationResponse {
    /// The application's id.
    pub id: i64,
    /// The posting.
    pub posting_id: i64,
    /// The posting's title.
    pub posting_title: String,
    /// The employer's id.
    pub employer_id: i64,
    /// The employer's name.
    pub employer_name: String,
    /// The person.
    pub person_id: i64,
    /// The person's name.
    pub person_name: String,
    /// The person's phone.
    pub person_phone: String,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// How it came about.
    pub source: ApplicationSource,
    /// The note sent with it.
    pub note: Option<String>,
    /// The placement, once hired.
    pub placement_id: Option<i64>,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
    /// Last changed, seconds since the Unix epoch.
    pub updated_at: i64,
}

/// Lists applications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicationPage {
    /// The applications on this page.
    pub items: Vec<ApplicationResponse>,
    /// Matching applications in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Tells whether a placement is near home or transfer employment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PlacementKind {
    /// 家门口就业: the site is in the person's home county.
    Nearby,
    /// 转移就业: the site is elsewhere.
    Transfer,
}

/// Records a retention check (`POST /api/v1/placements/{id}/follow-ups`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FollowUpRequest {
    /// Months after the start: 1, 3 or 6.
    pub month: u8,
    /// Whether the person still works there.
    pub still_employed: bool,
    /// Current monthly wage, yuan.
    #[serde(default)]
    pub monthly_wage: Option<u32>,
    /// Anything staff noticed.
    #[serde(default)]
    pub note: Option<String>,
}

/// Describes a retention check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpResponse {
    /// Months after the start.
    pub month: u8,
    /// Whether the person still works there.
    pub still_employed: bool,
    /// Monthly wage then.
    pub monthly_wage: Option<u32>,
    /// Staff's note.
    pub note: Option<String>,
    /// Who recorded it.
    pub recorded_by: i64,
    /// When, seconds since the Unix epoch.
    pub recorded_at: i64,
}

/// Describes a placement: a hire with its start, wage and follow-ups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacementResponse {
    /// The placement's id.
    pub id: i64,
    /// The application hired from.
    pub application_id: i64,
    /// The person.
    pub person_id: i64,
    /// The person's name.
    pub person_name: String,
    /// The posting.
    pub posting_id: i64,
    /// The posting's title.
    pub posting_title: String,
    /// The employer's name.
    pub employer_name: String,
    /// Nearby or transfer.
    pub kind: PlacementKind,
    /// First working day.
    pub start_date: Day,
    /// Agreed monthly wage, yuan.
    pub monthly_wage: u32,
    /// Retention checks so far.
    pub follow_ups: Vec<FollowUpResponse>,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Lists placements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlacementPage {
    /// The placements on this page.
    pub items: Vec<PlacementResponse>,
    /// Matching placements in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Runs the push for the caller's jurisdiction (`POST /api/v1/push`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// Region to push in (inside the caller's jurisdiction); default all of it.
    #[serde(default)]
    pub region: Option<String>,
    /// New matches per person, 1 to 20 (default 3).
    #[serde(default)]
    pub top_k: Option<u32>,
}

/// Counts what a push did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushSummary {
    /// People considered.
    pub people: u64,
    /// People who got at least one new item.
    pub people_reached: u64,
    /// Inbox items created.
    pub items: u64,
    /// SMS queued in the outbox.
    pub sms_queued: u64,
    /// Matches left out because that posting was pushed to that person before.
    pub already_pushed: u64,
    /// People left out because their record cannot be matched (see the server log).
    #[serde(default)]
    pub skipped: u64,
}

/// Describes a pushed posting in a seeker's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxItem {
    /// The item's id.
    pub id: i64,
    /// The posting.
    pub posting_id: i64,
    /// Its title.
    pub title: String,
    /// The employer's name.
    pub employer: String,
    /// Match score at push time.
    pub score: f64,
    /// Why it was pushed.
    pub reasons: Vec<Reason>,
    /// Whether the employer invited the seeker to apply.
    #[serde(default)]
    pub invited: bool,
    /// Pushed, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Invites a suggested candidate to apply (`POST /api/v1/postings/{id}/invitations`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InvitationRequest {
    /// The person invited; they must have agreed to be shown to employers.
    pub person_id: i64,
}

/// Says an invitation is in the person's inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationResponse {
    /// The posting.
    pub posting_id: i64,
    /// The person invited.
    pub person_id: i64,
}

/// Lists inbox items, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxResponse {
    /// The items on this page.
    pub items: Vec<InboxItem>,
    /// Items in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Tells where a retention follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum FollowUpState {
    /// Its months have not passed yet.
    Upcoming,
    /// It may be recorded now (for two weeks from its due day).
    Due,
    /// More than two weeks past its due day, not recorded.
    Overdue,
    /// Recorded.
    Done,
}

/// One retention follow-up to make (or made): a placement and a month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpTask {
    /// The placement.
    pub placement_id: i64,
    /// The person.
    pub person_id: i64,
    /// The person's name.
    pub person_name: String,
    /// Where the person lives now.
    pub region_name: String,
    /// The posting's title.
    pub posting_title: String,
    /// The employer's name.
    pub employer_name: String,
    /// Nearby or transfer.
    pub kind: PlacementKind,
    /// First working day.
    pub start_date: Day,
    /// The follow-up's month: 1, 3 or 6.
    pub month: u8,
    /// The first day it may be recorded.
    pub due_on: Day,
    /// Where it stands today.
    pub state: FollowUpState,
    /// What was recorded, once done.
    pub follow_up: Option<FollowUpResponse>,
}

/// Lists follow-ups to make, by due day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpTaskPage {
    /// The follow-ups on this page: earliest due first (done ones: latest due first).
    pub items: Vec<FollowUpTask>,
    /// Follow-ups in the state asked for, in all.
    pub total: i64,
    /// Follow-ups due now in the jurisdiction (whatever was asked).
    pub due: i64,
    /// Follow-ups overdue in the jurisdiction (whatever was asked).
    pub overdue: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}
