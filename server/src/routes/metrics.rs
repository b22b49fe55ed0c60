//! `GET /metrics`: Prometheus text for a scraper in the configured address
//! range or one that sends the configured bearer token; 403 for anyone else.
//! Request series are labelled by route pattern (unmatched paths share one
//! label, `UNMATCHED`), so their number is fixed by the route table.

use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE};
use actix_web::{web, HttpRequest, HttpResponse};
use anyhow::Context;
use ipnet::IpNet;
use prometheus::{Encoder, Registry, TextEncoder};
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use crate::auth::ClientAddress;
use crate::error::ApiError;

/// Label every path that matched no route gets.
pub const UNMATCHED: &str = "UNMATCHED";

/// Who may scrape.
pub struct MetricsGuard {
    pub allow: Vec<IpNet>,
    pub token: Option<SecretString>,
}

impl MetricsGuard {
    fn admits(&self, address: ClientAddress, authorization: Option<&str>) -> bool {
        if self.allow.iter().any(|net| net.contains(&address.0)) {
            return true;
        }
        let (Some(token), Some(sent)) = (&self.token, authorization.and_then(|h| h.strip_prefix("Bearer "))) else {
            return false;
        };
        // Comparing digests keeps the comparison's time independent of where the strings differ.
        Sha256::digest(token.expose_secret().as_bytes()) == Sha256::digest(sent.trim().as_bytes())
    }
}

/// The metrics in Prometheus text format.
pub async fn metrics(
    req: HttpRequest,
    address: ClientAddress,
    guard: web::Data<MetricsGuard>,
    registry: web::Data<Registry>,
) -> Result<HttpResponse, ApiError> {
    let authorization = req.headers().get(AUTHORIZATION).and_then(|v| v.to_str().ok());
    if !guard.admits(address, authorization) {
        return Err(ApiError::forbidden("metrics are served to the configured addresses or token only"));
    }
    let encoder = TextEncoder::new();
    let mut text = Vec::new();
    encoder.encode(&registry.gather(), &mut text).context("cannot encode metrics")?;
    Ok(HttpResponse::Ok().insert_header((CONTENT_TYPE, encoder.format_type())).body(text))
}
