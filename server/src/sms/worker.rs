//! `SmsWorker`: drains the outbox. Each pass claims a small batch of due
//! messages (see `storage::sms_delivery` for why two servers never claim one
//! message), decides each by the rules (`policy`), hands those that go to
//! the gateway a few at a time, and records every outcome: sent; back in the
//! queue after a backoff that doubles per attempt; failed after the last
//! attempt or a refusal; skipped (opted out); held until tomorrow (daily cap).
//! Push SMS are not claimed in quiet hours, so they wait for the morning.
//!
//! `drain_once(now)` is one pass at a given time (tests drive it); `run`
//! loops it on the clock, right away while batches come back full.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use doorstep_shared::api::SmsReason;
use futures::StreamExt;
use secrecy::SecretString;

use super::{day_start, decide, Candidate, HttpGateway, LoggingGateway, OutgoingSms, SendError, SmsGateway, SmsParams, SmsPolicy, Verdict};
use crate::clock::now;
use crate::configuration::{SmsGatewayKind, SmsSettings};
use crate::storage::{claim_sms, finish_sms, opted_out_people, push_sms_ahead, ClaimedSms, Db, SmsClaim, SmsOutcome};

/// Messages handed to the gateway at once.
const SENDS_AT_ONCE: usize = 4;

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Drained {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub skipped: usize,
    pub held: usize,
}

/// Drains the outbox through one gateway.
#[derive(Clone)]
pub struct SmsWorker {
    db: Db,
    gateway: Arc<dyn SmsGateway>,
    policy: SmsPolicy,
    /// This worker, as a claim owner.
    node: Arc<str>,
    batch: i64,
    /// Seconds a claim lasts: long enough for a whole batch of sends to time out one by one.
    lease_secs: i64,
    poll: Duration,
}

impl SmsWorker {
    /// The worker the settings describe (the logging gateway, or the HTTP one).
    pub fn from_settings(db: Db, settings: &SmsSettings) -> anyhow::Result<Self> {
        let gateway: Arc<dyn SmsGateway> = match settings.gateway {
            SmsGatewayKind::Logging => Arc::new(LoggingGateway),
            SmsGatewayKind::Http => {
                let url = settings.url.as_deref().context("sms.url is required with the http gateway")?;
                let secret: SecretString = settings.secret.clone().context("sms.secret is required with the http gateway")?;
                Arc::new(HttpGateway::new(url, secret, Duration::from_millis(settings.timeout_ms), &settings.link_base)?)
            }
        };
        Self::new(db, gateway, settings)
    }

    /// A worker with a gateway of the caller's (tests, other carriers).
    pub fn new(db: Db, gateway: Arc<dyn SmsGateway>, settings: &SmsSettings) -> anyhow::Result<Self> {
        let policy = SmsPolicy::from_settings(settings).map_err(anyhow::Error::msg)?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let node: Arc<str> = format!("sms-{}-{nanos}", std::process::id()).into();
        let timeout_secs = i64::try_from(settings.timeout_ms.div_ceil(1_000)).unwrap_or(60);
        let batch = i64::from(settings.batch.clamp(1, 100));
        Ok(Self { db, gateway, policy, node, batch, lease_secs: 60 + timeout_secs * batch, poll: Duration::from_millis(settings.poll_ms) })
    }

    /// Drains forever: a pass, then another at once if the batch was full, else after the poll interval.
    pub async fn run(self) {
        loop {
            let full = match self.drain_once(now()).await {
                Ok(d) => d.claimed as i64 >= self.batch,
                Err(e) => {
                    tracing::error!(error = ?e, "sms delivery pass failed");
                    false
                }
            };
            if !full {
                tokio::time::sleep(self.poll).await;
            }
        }
    }

    /// One pass at time `now`: claim, decide, send, record.
    #[tracing::instrument(skip_all, fields(node = %self.node))]
    pub async fn drain_once(&self, now: i64) -> anyhow::Result<Drained> {
        let claim = SmsClaim { owner: &self.node, now, lease_until: now + self.lease_secs, limit: self.batch, push_allowed: !self.policy.quiet.contains(now) };
        let claimed = claim_sms(&self.db, &claim).await?;
        let mut drained = Drained { claimed: claimed.len(), ..Drained::default() };
        if claimed.is_empty() {
            return Ok(drained);
        }
        let mut people: Vec<i64> = claimed.iter().filter_map(|c| c.person_id).collect();
        people.sort_unstable();
        people.dedup();
        let opted_out = opted_out_people(&self.db, &people).await?;
        let ahead = push_sms_ahead(&self.db, &people, day_start(now), &self.node).await?;
        let candidates: Vec<Candidate> = claimed.iter().map(|c| Candidate { id: c.id, kind: c.kind, person_id: c.person_id }).collect();
        let verdicts = decide(&candidates, &opted_out, &ahead, &self.policy, now);
        let mut to_send = Vec::new();
        for (sms, verdict) in claimed.into_iter().zip(verdicts) {
            let outcome = match verdict {
                Verdict::Send => {
                    to_send.push(sms);
                    continue;
                }
                Verdict::Skip(reason) => {
                    drained.skipped += 1;
                    SmsOutcome::Skipped(reason)
                }
                Verdict::Hold(reason, until) => {
                    drained.held += 1;
                    SmsOutcome::Held { reason, until }
                }
            };
            self.record(sms.id, now, outcome).await?;
        }
        let results: Vec<anyhow::Result<Sent>> = futures::stream::iter(to_send).map(|sms| self.send(sms, now)).buffer_unordered(SENDS_AT_ONCE).collect().await;
        for result in results {
            match result? {
                Sent::Delivered => drained.sent += 1,
                Sent::Retried => drained.retried += 1,
                Sent::Failed => drained.failed += 1,
            }
        }
        Ok(drained)
    }

    /// Hands one message to the gateway and records what became of it.
    async fn send(&self, sms: ClaimedSms, now: i64) -> anyhow::Result<Sent> {
        // Unreadable template values still leave the text to send.
        let params: Option<SmsParams> =
            sms.params.as_deref().and_then(|json| serde_json::from_str(json).inspect_err(|e| tracing::warn!(sms_id = sms.id, error = %e, "sms params")).ok());
        let outgoing = OutgoingSms { id: sms.id, idempotency_key: sms.idempotency_key, phone: sms.phone, text: sms.message, kind: sms.kind, params };
        let id = sms.id;
        match self.gateway.send(&outgoing).await {
            Ok(()) => {
                self.record(id, now, SmsOutcome::Sent).await?;
                Ok(Sent::Delivered)
            }
            Err(SendError::Retryable(error)) if sms.attempts < self.policy.max_attempts => {
                tracing::warn!(sms_id = id, attempts = sms.attempts, %error, "sms gateway failed, will retry");
                self.record(id, now, SmsOutcome::Retry { due: now + self.policy.backoff(sms.attempts), error: &error }).await?;
                Ok(Sent::Retried)
            }
            Err(SendError::Retryable(error)) => {
                tracing::error!(sms_id = id, attempts = sms.attempts, %error, "sms gateway failed every attempt");
                self.record(id, now, SmsOutcome::Failed { reason: SmsReason::AttemptsExhausted, error: &error }).await?;
                Ok(Sent::Failed)
            }
            Err(SendError::Permanent(error)) => {
                tracing::error!(sms_id = id, %error, "sms gateway refused the message");
                self.record(id, now, SmsOutcome::Failed { reason: SmsReason::Rejected, error: &error }).await?;
                Ok(Sent::Failed)
            }
        }
    }

    async fn record(&self, id: i64, now: i64, outcome: SmsOutcome<'_>) -> anyhow::Result<()> {
        if !finish_sms(&self.db, id, &self.node, now, outcome).await? {
            // Another worker claimed it after this claim ran out; it goes out with the same key.
            tracing::warn!(sms_id = id, "sms claim ran out before its outcome was recorded");
        }
        Ok(())
    }
}

/// What became of one send.
enum Sent {
    Delivered,
    Retried,
    Failed,
}
