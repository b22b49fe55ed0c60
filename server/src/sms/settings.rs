//! The SMS settings (`[sms]` in the settings file, `DOORSTEP_SMS__*` in the
//! environment), their defaults, and the check that they fit together.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::SmsPolicy;

/// How the outbox is drained (`DOORSTEP_SMS__GATEWAY=http`, `DOORSTEP_SMS__URL`,
/// `DOORSTEP_SMS__SECRET`, …); see `crate::sms`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct SmsSettings {
    /// `logging` (the default: each message goes to the log) or `http`.
    pub gateway: SmsGatewayKind,
    /// The HTTP gateway's endpoint (with `gateway = "http"`).
    pub url: Option<String>,
    /// Signs each request to the gateway (HMAC-SHA256 of the body) and checks
    /// the gateway's reply callbacks; required with `gateway = "http"`.
    #[serde(serialize_with = "crate::configuration::redact")]
    pub secret: Option<SecretString>,
    /// Milliseconds a gateway request may take before it counts as failed (and is retried).
    pub timeout_ms: u64,
    /// The site's public address: an SMS links to `{link_base}/postings/{id}`.
    pub link_base: String,
    /// Milliseconds between polls of the outbox when it was empty.
    pub poll_ms: u64,
    /// Messages claimed at once (1 to 100).
    pub batch: u32,
    /// Attempts before a message fails for good.
    pub max_attempts: u32,
    /// Seconds before the first retry; doubling per attempt up to `backoff_cap_secs`.
    pub backoff_secs: u64,
    pub backoff_cap_secs: u64,
    /// Quiet hours in China time, `HH:MM`: push SMS wait from `quiet_start` to `quiet_end`.
    pub quiet_start: String,
    pub quiet_end: String,
    /// Push SMS one person gets per day (China time) at most; more wait for the next day.
    pub daily_cap: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmsGatewayKind {
    Logging,
    Http,
}

impl Default for SmsSettings {
    fn default() -> Self {
        Self {
            gateway: SmsGatewayKind::Logging,
            url: None,
            secret: None,
            timeout_ms: 5_000,
            link_base: "http://127.0.0.1:8080".into(),
            poll_ms: 2_000,
            batch: 20,
            max_attempts: 12,
            backoff_secs: 30,
            backoff_cap_secs: 3_600,
            quiet_start: "21:00".into(),
            quiet_end: "08:00".into(),
            daily_cap: 2,
        }
    }
}

/// Checks the SMS settings as a whole; the message names the setting.
pub fn validate_sms_settings(s: &SmsSettings) -> Result<(), String> {
    SmsPolicy::from_settings(s)?;
    if !(1..=100).contains(&s.batch) || s.timeout_ms == 0 || s.poll_ms == 0 {
        return Err("sms.batch must be 1 to 100, sms.timeout_ms and sms.poll_ms at least 1".into());
    }
    if s.gateway == SmsGatewayKind::Http {
        let url = s.url.as_deref().unwrap_or_default();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err("sms.url must be an http:// or https:// address with gateway = \"http\"".into());
        }
        if s.secret.is_none() {
            return Err("sms.secret is required with gateway = \"http\"".into());
        }
    }
    Ok(())
}
