//! Typed settings: built-in defaults, then an optional TOML file, then
//! `DOORSTEP_*` environment variables (`DOORSTEP_LOGIN__PER_ACCOUNT_PER_MINUTE`
//! for nested keys). A missing or malformed value fails at start with one line.

use std::path::{Path, PathBuf};

use std::net::IpAddr;

use anyhow::Context;
use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use ipnet::IpNet;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

pub use crate::sms::{SmsGatewayKind, SmsSettings};

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Settings {
    /// Address the HTTP server listens on; port 0 picks a free one.
    pub bind: String,
    /// Database, indexes and keys live here.
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; default a SQLite file in `data_dir`.
    pub database_url: Option<String>,
    /// Key material for ID-card encryption and blind indexing; default a key
    /// file generated once in `data_dir`.
    #[serde(serialize_with = "redact")]
    pub secret_key: Option<SecretString>,
    /// Built frontend (index.html and pkg/); default `target/site`.
    pub site_dir: PathBuf,
    pub log_format: LogFormat,
    pub log_level: String,
    pub login: LoginLimits,
    pub registration: RegistrationLimits,
    /// `/match` requests per minute per client address.
    pub match_per_minute: u32,
    pub session_days: u32,
    /// Largest accepted JSON body, bytes.
    pub max_body_bytes: usize,
    /// Whether `serve` fills an empty database with the Ankang demo.
    pub seed_demo: bool,
    /// Whether session cookies carry `Secure` (set behind HTTPS).
    pub secure_cookies: bool,
    /// Seconds a client may take to send a request body before a 408.
    pub body_timeout_secs: u64,
    /// Reverse proxies whose `X-Forwarded-For` names the client (CIDR ranges).
    pub trusted_proxies: Vec<IpNet>,
    pub metrics: MetricsAccess,
    pub push: PushSettings,
    /// Where product images are stored: `s3://bucket/prefix` for any
    /// S3-compatible store (credentials, region and endpoint from the usual
    /// `AWS_*` variables), so that several nodes share them; default a
    /// directory in `data_dir`.
    pub images_url: Option<String>,
    pub sms: SmsSettings,
}

/// How push jobs run (`DOORSTEP_PUSH__LEASE_SECS`, `DOORSTEP_PUSH__PAGE_SIZE`).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
pub struct PushSettings {
    /// Seconds a node holds a running job without writing a page; after that
    /// another node (PostgreSQL) may take it over and resume it.
    pub lease_secs: u64,
    /// People read, matched and written per transaction (1 to 1,000).
    pub page_size: u32,
}

/// Who may read `/metrics`: a client in `allow`, or a request carrying `Authorization: Bearer <token>`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct MetricsAccess {
    pub allow: Vec<IpNet>,
    #[serde(serialize_with = "redact")]
    pub token: Option<SecretString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Login attempts allowed per minute before answering 429.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct LoginLimits {
    pub per_account_per_minute: u32,
    pub per_address_per_minute: u32,
    /// Delay added to each attempt once an account has used its minute's
    /// attempts from all addresses together: slows guessing, never locks out.
    pub slowdown_ms: u64,
}

/// Self-registration limits: sign-up codes and attempts per client address,
/// and SMS per phone, each per hour.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegistrationLimits {
    pub per_address_per_hour: u32,
    pub per_phone_per_hour: u32,
}

// Defaults are serialised only to seed figment; a secret never has a default.
pub(crate) fn redact<S: serde::Serializer>(_: &Option<SecretString>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_none()
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            secret_key: None,
            site_dir: PathBuf::from("target/site"),
            log_format: LogFormat::Pretty,
            log_level: "info".into(),
            login: LoginLimits { per_account_per_minute: 10, per_address_per_minute: 60, slowdown_ms: 1_000 },
            registration: RegistrationLimits { per_address_per_hour: 30, per_phone_per_hour: 5 },
            match_per_minute: 120,
            session_days: 14,
            max_body_bytes: 64 * 1024,
            seed_demo: true,
            secure_cookies: false,
            body_timeout_secs: 10,
            trusted_proxies: Vec::new(),
            metrics: MetricsAccess { allow: loopback(), token: None },
            push: PushSettings { lease_secs: 30, page_size: 200 },
            images_url: None,
            sms: SmsSettings::default(),
        }
    }
}

fn loopback() -> Vec<IpNet> {
    vec![IpNet::from(IpAddr::from([127, 0, 0, 1])), IpNet::from(IpAddr::from(std::net::Ipv6Addr::LOCALHOST))]
}

impl Settings {
    /// Layers defaults, the TOML file (if it exists) and the environment.
    pub fn load(config_file: &Path) -> anyhow::Result<Self> {
        let settings: Settings = Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(config_file))
            .merge(Env::prefixed("DOORSTEP_").split("__"))
            .extract()
            .map_err(|e| anyhow::anyhow!("invalid setting: {e}"))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> anyhow::Result<()> {
        if self.bind.parse::<std::net::SocketAddr>().is_err() {
            anyhow::bail!("invalid setting: bind {:?} is not an address like 127.0.0.1:8080", self.bind);
        }
        if let Some(url) = &self.database_url {
            if !(url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
                anyhow::bail!("invalid setting: database_url must start with sqlite: or postgres://");
            }
        }
        if let Some(url) = &self.images_url {
            if !["s3://", "file:///", "memory:///"].iter().any(|scheme| url.starts_with(scheme)) {
                anyhow::bail!("invalid setting: images_url must start with s3://, file:/// or memory:///");
            }
        }
        if self.body_timeout_secs == 0 {
            anyhow::bail!("invalid setting: body_timeout_secs must be at least 1");
        }
        crate::sms::validate_sms_settings(&self.sms).map_err(|e| anyhow::anyhow!("invalid setting: {e}"))?;
        if self.login.per_account_per_minute == 0 || self.login.per_address_per_minute == 0 || self.match_per_minute == 0 {
            anyhow::bail!("invalid setting: login limits and match_per_minute must be at least 1 per minute");
        }
        Ok(())
    }

    /// The configured database URL, or the default SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!("sqlite://{}?mode=rwc", self.data_dir.join("doorstep.db").display()),
        }
    }

    /// Where the postings index lives.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index").join("postings")
    }

    /// Where the course-session index lives, beside the postings'.
    pub fn course_index_dir(&self) -> PathBuf {
        self.data_dir.join("index").join("course_sessions")
    }

    /// Where product images are stored when `images_url` is not set.
    pub fn images_dir(&self) -> PathBuf {
        self.data_dir.join("images")
    }

    /// Where the product index lives, beside the others.
    pub fn product_index_dir(&self) -> PathBuf {
        self.data_dir.join("index").join("products")
    }

    /// Creates the data directory if needed.
    pub fn ensure_data_dir(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.data_dir).with_context(|| format!("cannot create data directory {}", self.data_dir.display()))
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment::Jail's closure signature, not ours
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_a_demo_on_a_fresh_machine() {
        figment::Jail::expect_with(|_| {
            let s = Settings::load(Path::new("missing.toml")).expect("defaults load");
            assert_eq!(s.bind, "127.0.0.1:8080");
            assert!(s.database_url().starts_with("sqlite://data/doorstep.db"));
            assert!(s.seed_demo);
            Ok(())
        });
    }

    #[test]
    fn file_then_environment_override_the_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("doorstep.toml", "bind = \"0.0.0.0:9000\"\nlog_format = \"json\"\n[login]\nper_account_per_minute = 3\n")?;
            jail.set_env("DOORSTEP_BIND", "127.0.0.1:9001");
            jail.set_env("DOORSTEP_LOGIN__PER_ADDRESS_PER_MINUTE", "7");
            let s = Settings::load(Path::new("doorstep.toml")).expect("loads");
            assert_eq!(s.bind, "127.0.0.1:9001");
            assert_eq!(s.log_format, LogFormat::Json);
            assert_eq!((s.login.per_account_per_minute, s.login.per_address_per_minute), (3, 7));
            Ok(())
        });
    }

    #[test]
    fn a_malformed_setting_fails_with_one_line_naming_it() {
        for (key, value, named) in [
            ("DOORSTEP_BIND", "not-an-address", "bind"),
            ("DOORSTEP_LOG_FORMAT", "xml", "log_format"),
            ("DOORSTEP_LOGIN__PER_ACCOUNT_PER_MINUTE", "many", "per_account_per_minute"),
            ("DOORSTEP_DATABASE_URL", "mysql://x", "database_url"),
            ("DOORSTEP_IMAGES_URL", "/var/lib/images", "images_url"),
            ("DOORSTEP_SMS__GATEWAY", "carrier-pigeon", "gateway"),
            ("DOORSTEP_SMS__QUIET_START", "9pm", "quiet_start"),
            ("DOORSTEP_SMS__GATEWAY", "http", "sms.url"),
        ] {
            figment::Jail::expect_with(|jail| {
                jail.set_env(key, value);
                let err = Settings::load(Path::new("missing.toml")).expect_err("must fail").to_string().to_lowercase();
                assert!(err.contains(named), "{key}: {err}");
                assert!(!err.contains('\n'), "{key}: more than one line: {err}");
                Ok(())
            });
        }
    }
}
