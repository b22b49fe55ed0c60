//! `HttpGateway`: POSTs each message as JSON to a configured URL, signed
//! with the shared secret (`x-doorstep-signature`, HMAC-SHA256 of the body)
//! and carrying its `Idempotency-Key`, the same on every attempt, so a
//! gateway that took a message whose answer was lost sends it once.
//!
//! The body names the template and its values; the carrier's template for
//! a push reads title, place and link (the full text rides along for
//! gateways without templates):
//! `{"idempotency_key", "phone", "template": "push", "params": {"title", "place", "link", "count"}, "text"}`.
//! A 2xx is taken; a timeout, no connection, 5xx, 408, 429, or 401, 403 and
//! 404 (a wrong secret or address, fixed meanwhile) is retried later; any
//! other answer (400, 422: say, a number not in service) is a refusal for good.

use std::time::Duration;

use anyhow::Context;
use futures::future::BoxFuture;
use reqwest_rustls as reqwest;
use secrecy::SecretString;
use serde::Serialize;

use super::{sign, OutgoingSms, SendError, SmsGateway, SIGNATURE_HEADER};

/// The gateway's address, secret, deadline and the links' base.
pub struct HttpGateway {
    client: reqwest::Client,
    url: String,
    secret: SecretString,
    link_base: String,
}

#[derive(Serialize)]
struct GatewayBody<'a> {
    idempotency_key: &'a str,
    phone: &'a str,
    template: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    params: Option<TemplateParams<'a>>,
    text: &'a str,
}

#[derive(Serialize)]
struct TemplateParams<'a> {
    title: &'a str,
    place: &'a str,
    link: String,
    count: u32,
}

impl HttpGateway {
    pub fn new(url: &str, secret: SecretString, timeout: Duration, link_base: &str) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder().timeout(timeout).build().context("sms gateway client")?;
        Ok(Self { client, url: url.to_string(), secret, link_base: link_base.trim_end_matches('/').to_string() })
    }

    /// The request body for a message.
    fn body(&self, sms: &OutgoingSms) -> Vec<u8> {
        let params = sms.params.as_ref().map(|p| TemplateParams {
            title: &p.title,
            place: &p.place,
            link: format!("{}/postings/{}", self.link_base, p.posting_id),
            count: p.count,
        });
        let body = GatewayBody { idempotency_key: &sms.idempotency_key, phone: &sms.phone, template: sms.kind.as_str(), params, text: &sms.text };
        serde_json::to_vec(&body).unwrap_or_default()
    }
}

impl SmsGateway for HttpGateway {
    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let body = self.body(sms);
            let signature = sign(&self.secret, &body);
            let sent = self
                .client
                .post(&self.url)
                .header("content-type", "application/json")
                .header("idempotency-key", &sms.idempotency_key)
                .header(SIGNATURE_HEADER, signature)
                .body(body)
                .send()
                .await;
            let response = match sent {
                Ok(r) => r,
                Err(e) if e.is_timeout() => return Err(SendError::Retryable("timed out".into())),
                Err(e) => return Err(SendError::Retryable(format!("{e}"))),
            };
            let status = response.status();
            if status.is_success() {
                return Ok(());
            }
            let text: String = response.text().await.unwrap_or_default().chars().take(200).collect();
            let error = format!("http {}: {text}", status.as_u16());
            // A wrong secret or address (401, 403, 404) is ours to fix, not the message's fault: retried meanwhile.
            if status.is_server_error() || matches!(status.as_u16(), 401 | 403 | 404 | 408 | 429) {
                return Err(SendError::Retryable(error));
            }
            Err(SendError::Permanent(error))
        })
    }
}
