//! Login and sign-up throttling (GCRA via governor), in-process: each server node limits
//! on its own. Three limits, checked in this order so a refused attempt adds
//! no key past the one that refused it:
//! - per client address: bounds what one address can try at all;
//! - per account and address: one address guessing one account gets 429,
//!   while the owner elsewhere is not affected;
//! - per account over all addresses: past it, each attempt is slowed by a
//!   fixed delay, never refused, so nobody can lock an owner out.
//!
//! Keys expire: every few hundred checks the limiters drop keys whose state
//! equals a fresh one (about a minute after their last attempt), and past
//! `MAX_TRACKED_KEYS` new keys are refused until old ones expire.

use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::configuration::{LoginLimits, RegistrationLimits};

/// Keys kept per limiter before new ones are refused.
pub const MAX_TRACKED_KEYS: usize = 100_000;
/// Checks between two sweeps of expired keys.
const SWEEP_EVERY: u64 = 256;

/// What a login attempt may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginGate {
    Proceed,
    /// Proceed after waiting this long.
    SlowDown(Duration),
    Refuse,
}

/// A keyed limiter that forgets idle keys and holds at most `MAX_TRACKED_KEYS`.
struct Expiring<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
    checks: AtomicU64,
}

impl<K: Hash + Eq + Clone> Expiring<K> {
    fn per_minute(n: u32) -> Self {
        Self::with(Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)))
    }

    fn per_hour(n: u32) -> Self {
        Self::with(Quota::per_hour(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)))
    }

    fn with(quota: Quota) -> Self {
        Self { limiter: RateLimiter::keyed(quota), checks: AtomicU64::new(0) }
    }

    /// Spends one cell for `key`; false when it has none left or the table is full.
    fn allow(&self, key: &K) -> bool {
        if self.checks.fetch_add(1, Ordering::Relaxed).is_multiple_of(SWEEP_EVERY) || self.limiter.len() >= MAX_TRACKED_KEYS {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        if self.limiter.len() >= MAX_TRACKED_KEYS {
            return false;
        }
        self.limiter.check_key(key).is_ok()
    }

    fn len(&self) -> usize {
        self.limiter.len()
    }
}

pub struct LoginThrottle {
    per_address: Expiring<IpAddr>,
    per_account_address: Expiring<(String, IpAddr)>,
    per_account: Expiring<String>,
    slowdown: Duration,
}

impl LoginThrottle {
    pub fn new(limits: &LoginLimits) -> Self {
        Self {
            per_address: Expiring::per_minute(limits.per_address_per_minute),
            per_account_address: Expiring::per_minute(limits.per_account_per_minute),
            per_account: Expiring::per_minute(limits.per_account_per_minute),
            slowdown: Duration::from_millis(limits.slowdown_ms),
        }
    }

    /// Spends one attempt for this account from this address.
    pub fn check(&self, username: &str, address: IpAddr) -> LoginGate {
        if !self.per_address.allow(&address) {
            return LoginGate::Refuse;
        }
        let account = username.to_lowercase();
        if !self.per_account_address.allow(&(account.clone(), address)) {
            return LoginGate::Refuse;
        }
        if !self.per_account.allow(&account) {
            return LoginGate::SlowDown(self.slowdown);
        }
        LoginGate::Proceed
    }

    /// Keys held over all limits (for tests and the memory bound).
    pub fn tracked_keys(&self) -> usize {
        self.per_address.len() + self.per_account_address.len() + self.per_account.len()
    }
}

/// Requests per minute per client address, for public endpoints that cost work (`/match`).
pub struct AddressThrottle(Expiring<IpAddr>);

impl AddressThrottle {
    pub fn per_minute(n: u32) -> Self {
        Self(Expiring::per_minute(n))
    }

    pub fn allow(&self, address: IpAddr) -> bool {
        self.0.allow(&address)
    }
}

/// Self-registration: each address may ask for codes and try to sign up a
/// few times an hour, and each phone receives a few SMS an hour, whoever asks.
/// The address is checked first, so a refused address adds no phone keys.
pub struct RegistrationThrottle {
    code_per_address: Expiring<IpAddr>,
    code_per_phone: Expiring<String>,
    register_per_address: Expiring<IpAddr>,
}

impl RegistrationThrottle {
    pub fn new(limits: &RegistrationLimits) -> Self {
        Self {
            code_per_address: Expiring::per_hour(limits.per_address_per_hour),
            code_per_phone: Expiring::per_hour(limits.per_phone_per_hour),
            register_per_address: Expiring::per_hour(limits.per_address_per_hour),
        }
    }

    /// Spends one SMS for this phone asked from this address.
    pub fn allow_code(&self, phone: &str, address: IpAddr) -> bool {
        self.code_per_address.allow(&address) && self.code_per_phone.allow(&phone.to_string())
    }

    /// Spends one sign-up attempt from this address.
    pub fn allow_register(&self, address: IpAddr) -> bool {
        self.register_per_address.allow(&address)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_account: u32, per_address: u32) -> LoginLimits {
        LoginLimits { per_account_per_minute: per_account, per_address_per_minute: per_address, slowdown_ms: 500 }
    }

    #[test]
    fn attempts_refused_for_their_address_add_no_account_keys() {
        let throttle = LoginThrottle::new(&limits(10, 60));
        let address: IpAddr = [192, 0, 2, 1].into();
        for i in 0..5_000 {
            throttle.check(&format!("user-{i}"), address);
        }
        // One address key, plus two keys for each of the 60 attempts it was allowed.
        assert!(throttle.tracked_keys() <= 1 + 2 * 60, "{} keys", throttle.tracked_keys());
    }

    #[test]
    fn one_address_guessing_one_account_does_not_lock_out_another_address() {
        let throttle = LoginThrottle::new(&limits(3, 60));
        let (attacker, owner): (IpAddr, IpAddr) = ([192, 0, 2, 1].into(), [198, 51, 100, 7].into());
        for _ in 0..3 {
            assert_eq!(throttle.check("zhang", attacker), LoginGate::Proceed);
        }
        assert_eq!(throttle.check("zhang", attacker), LoginGate::Refuse);
        assert_eq!(throttle.check("ZHANG", owner), LoginGate::SlowDown(Duration::from_millis(500)));
    }
}
