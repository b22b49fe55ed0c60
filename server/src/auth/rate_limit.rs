//! Login throttling per account and per client address (GCRA via governor).
//! In-process: each server node limits on its own, which bounds guessing per
//! node; a shared limiter is for when there are many nodes.

use std::net::IpAddr;
use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::configuration::LoginLimits;

pub struct LoginThrottle {
    per_account: DefaultKeyedRateLimiter<String>,
    per_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginThrottle {
    pub fn new(limits: &LoginLimits) -> Self {
        let quota = |n: u32| Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN));
        Self {
            per_account: RateLimiter::keyed(quota(limits.per_account_per_minute)),
            per_address: RateLimiter::keyed(quota(limits.per_address_per_minute)),
        }
    }

    /// Spends one attempt for this account and address; false when either is exhausted.
    pub fn allow(&self, username: &str, address: Option<IpAddr>) -> bool {
        let account_ok = self.per_account.check_key(&username.to_lowercase()).is_ok();
        let address_ok = address.is_none_or(|a| self.per_address.check_key(&a).is_ok());
        account_ok && address_ok
    }
}

/// Requests per minute per client address, for public endpoints that cost work (`/match`).
pub struct AddressThrottle(DefaultKeyedRateLimiter<IpAddr>);

impl AddressThrottle {
    pub fn per_minute(n: u32) -> Self {
        Self(RateLimiter::keyed(Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))))
    }

    pub fn allow(&self, address: Option<IpAddr>) -> bool {
        address.is_none_or(|a| self.0.check_key(&a).is_ok())
    }
}
