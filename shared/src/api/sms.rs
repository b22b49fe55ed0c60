//! SMS delivery as staff see it: each message's status per person
//! (`GET /api/v1/people/{id}/sms`) and the tally of a push job's messages
//! (`GET /api/v1/push/{id}/sms`); and the gateway's callback with a
//! person's reply (`POST /api/v1/sms/replies`), where "TD" or "退订" opts out.

use serde::{Deserialize, Serialize};

/// Tells where an SMS stands in the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SmsStatus {
    /// Waits to be sent: new, due for a retry, or held (`reason` says why).
    Queued,
    /// A server is handing it to the gateway now.
    Sending,
    /// The gateway took it.
    Sent,
    /// Given up: the gateway refused it, or every attempt failed.
    Failed,
    /// Not sent on purpose (`reason` says why).
    Skipped,
}

/// Tells what an SMS is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SmsKind {
    /// New matching postings from a push: quiet hours, the daily cap and opt-out apply.
    Push,
    /// A sign-up code or notice the phone's owner just asked for: sent at once, always.
    SignUp,
}

/// Tells why an SMS waits, was skipped or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SmsReason {
    /// The person opted out of push SMS (skipped).
    OptedOut,
    /// The person had their SMS for the day; it goes the next day (queued).
    DailyCap,
    /// The gateway refused the message for good (failed).
    Rejected,
    /// The gateway failed every attempt (failed).
    AttemptsExhausted,
}

/// Describes one SMS and its delivery.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsMessage {
    /// The message's id.
    pub id: i64,
    /// Push or sign-up.
    pub kind: SmsKind,
    /// The push job that queued it, if a push did.
    pub push_job_id: Option<i64>,
    /// The phone it goes to.
    pub phone: String,
    /// The text.
    pub message: String,
    /// Where it stands.
    pub status: SmsStatus,
    /// Why it waits, was skipped or failed, if it did.
    pub reason: Option<SmsReason>,
    /// Times it was handed to the gateway.
    pub attempts: u32,
    /// When it is due next (a retry, or the day after a cap), seconds since the Unix epoch; while queued.
    pub next_attempt_at: Option<i64>,
    /// The gateway's last error, if any.
    pub last_error: Option<String>,
    /// Queued, seconds since the Unix epoch.
    pub created_at: i64,
    /// Sent, seconds since the Unix epoch.
    pub sent_at: Option<i64>,
}

/// Lists a person's SMS, newest first (`GET /api/v1/people/{id}/sms`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsPage {
    /// The messages on this page.
    pub items: Vec<SmsMessage>,
    /// Messages to the person in all.
    pub total: i64,
    /// Page number, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Counts a push job's SMS by where they stand (`GET /api/v1/push/{id}/sms`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PushSmsTally {
    /// The push job.
    pub push_job_id: i64,
    /// Waiting to be sent (new or due for a retry), held ones not counted.
    pub queued: u64,
    /// Held until the next day by the daily cap.
    pub held: u64,
    /// Being handed to the gateway.
    pub sending: u64,
    /// Taken by the gateway.
    pub sent: u64,
    /// Given up.
    pub failed: u64,
    /// Skipped: the person opted out.
    pub skipped: u64,
}

/// Carries a reply a phone sent to our SMS, as the gateway reports it (`POST /api/v1/sms/replies`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SmsReplyRequest {
    /// The phone that replied.
    pub phone: String,
    /// What it replied; "TD" or "退订" opts out of push SMS.
    pub text: String,
}

/// Tells what a reply did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SmsReplyResponse {
    /// Whether the reply asked to opt out.
    pub opt_out: bool,
    /// People registered with that phone who are now opted out.
    pub people: u64,
}
