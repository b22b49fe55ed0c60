//! The gateway seam: `SmsGateway` hands one message to a carrier. Two
//! implementations: `LoggingGateway` (the default, for demos and
//! development: the message goes to the log) and `HttpGateway`.

use doorstep_shared::api::SmsKind;
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};

/// What a push SMS's gateway template is filled with: the best new posting
/// (title, place, id for the link) and how many are new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsParams {
    pub title: String,
    pub place: String,
    pub posting_id: i64,
    pub count: u32,
}

/// One message, as handed to a gateway.
#[derive(Debug, Clone)]
pub struct OutgoingSms {
    pub id: i64,
    /// The same on every attempt: the gateway sends a key at most once.
    pub idempotency_key: String,
    pub phone: String,
    pub text: String,
    pub kind: SmsKind,
    pub params: Option<SmsParams>,
}

/// Why a gateway did not take a message.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth another try later: a timeout, no connection, a 5xx or a 429.
    #[error("gateway failed, will retry: {0}")]
    Retryable(String),
    /// Trying again will not help: the gateway refused this message.
    #[error("gateway refused the message: {0}")]
    Permanent(String),
}

/// Hands one message to a carrier; `Ok` once the gateway has taken it.
pub trait SmsGateway: Send + Sync {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<(), SendError>>;
}

/// Logs each message instead of sending it, and counts it sent.
pub struct LoggingGateway;

impl SmsGateway for LoggingGateway {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            tracing::info!(sms_id = sms.id, phone = %masked(&sms.phone), kind = sms.kind.as_str(), text = %sms.text, "sms (logging gateway, not sent)");
            Ok(())
        })
    }
}

/// `138****1234`: enough for a log reader to tell phones apart.
pub fn masked(phone: &str) -> String {
    if phone.len() != 11 || !phone.is_ascii() {
        return "***".into();
    }
    format!("{}****{}", &phone[..3], &phone[7..])
}
