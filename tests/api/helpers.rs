//! `spawn_app`: a migrated database (SQLite file or a fresh PostgreSQL
//! database), the server on port 0, and helpers per endpoint.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use doorstep_server::configuration::{LoginLimits, RegistrationLimits, Settings};
use doorstep_server::seed::{create_user, NewAccount};
use doorstep_server::startup::{load_state, prepare_database, AppState, Application};
use doorstep_server::storage::Db;
use doorstep_shared::api::{ApiErrorBody, ErrorCode, PersonRequest, Preferences};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use sqlx::{Connection, Executor};

pub const PASSWORD: &str = "correct horse battery";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs an `async fn(TestApp)` once per backend: `backend_tests!(a_test_name, ...)`
/// makes `a_test_name::sqlite` and `a_test_name::postgres`.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use $crate::helpers::{spawn_app, Backend, TestOptions};

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("sqlite is always available");
                super::$name(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match spawn_app(Backend::Postgres, TestOptions::default()).await {
                    Some(app) => super::$name(app).await,
                    None => eprintln!("DOORSTEP_TEST_POSTGRES_URL is not set: postgres variant not run"),
                }
            }
        }
    )*};
}

/// Knobs a test may turn.
pub struct TestOptions {
    pub per_account_per_minute: u32,
    pub per_address_per_minute: u32,
    pub max_body_bytes: usize,
    pub match_per_minute: u32,
    /// Any other setting, changed before the server starts.
    pub adjust: fn(&mut Settings),
}

impl Default for TestOptions {
    fn default() -> Self {
        Self { per_account_per_minute: 1_000, per_address_per_minute: 10_000, max_body_bytes: 64 * 1024, match_per_minute: 10_000, adjust: |_| {} }
    }
}

pub struct TestApp {
    pub address: String,
    pub settings: Settings,
    pub state: AppState,
    _dir: tempfile::TempDir,
    _pg: Option<PgDatabase>,
}

/// Starts the server; `None` for PostgreSQL when no server is configured.
pub async fn spawn_app(backend: Backend, options: TestOptions) -> Option<TestApp> {
    let dir = tempfile::tempdir().expect("temp dir");
    let (database_url, pg) = match backend {
        Backend::Sqlite => (format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()), None),
        Backend::Postgres => {
            let admin_url = std::env::var("DOORSTEP_TEST_POSTGRES_URL").ok()?;
            let pg = PgDatabase::create(&admin_url).await;
            (pg.url.clone(), Some(pg))
        }
    };
    let mut settings = Settings {
        bind: "127.0.0.1:0".into(),
        data_dir: dir.path().to_path_buf(),
        database_url: Some(database_url),
        secret_key: Some("a-test-secret-key-that-is-long-enough-0123".to_string().into()),
        site_dir: site_dir(),
        login: LoginLimits { per_account_per_minute: options.per_account_per_minute, per_address_per_minute: options.per_address_per_minute, slowdown_ms: 200 },
        max_body_bytes: options.max_body_bytes,
        match_per_minute: options.match_per_minute,
        registration: RegistrationLimits { per_address_per_hour: 10_000, per_phone_per_hour: 10_000 },
        seed_demo: false,
        ..Settings::default()
    };
    (options.adjust)(&mut settings);
    let (address, state) = serve(&settings).await;
    Some(TestApp { address, settings, state, _dir: dir, _pg: pg })
}

/// Prepares the database the settings name, starts the server and its indexer; returns its address.
pub async fn serve(settings: &Settings) -> (String, AppState) {
    let db = prepare_database(settings).await.expect("database prepared");
    let state = load_state(settings, db).await.expect("state loaded");
    let app = Application::build(settings, state.clone()).await.expect("app built");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    state.spawn_indexer();
    (address, state)
}

/// The built frontend: from `cargo xtask test`, else the default build location.
pub fn site_dir() -> std::path::PathBuf {
    match std::env::var("DOORSTEP_TEST_SITE_DIR") {
        Ok(dir) => dir.into(),
        Err(_) => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/site"),
    }
}

/// A database of its own on the shared PostgreSQL server, dropped afterwards.
pub struct PgDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl PgDatabase {
    pub async fn create(admin_url: &str) -> Self {
        let name = format!("doorstep_test_{}", uuid::Uuid::new_v4().simple());
        let mut conn = sqlx::PgConnection::connect(admin_url).await.expect("connect to DOORSTEP_TEST_POSTGRES_URL");
        conn.execute(format!(r#"CREATE DATABASE "{name}""#).as_str()).await.expect("create test database");
        let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
        Self { admin_url: admin_url.to_string(), url: format!("{base}/{name}"), name }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop runs inside the test's runtime; a thread with its own runtime may block.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&url).await {
                    let _ = conn.execute(format!(r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#).as_str()).await;
                }
            });
        })
        .join();
    }
}

/// An HTTP client with its own cookie jar: one logged-in (or anonymous) user.
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl TestApp {
    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// A second node on this app's PostgreSQL database: the same settings
    /// (secret key included) but a data directory of its own, so its own
    /// index replicas, and a port of its own. The database stays this app's.
    pub async fn another_node(&self) -> TestApp {
        assert!(self.settings.database_url().starts_with("postgres"), "several nodes share a PostgreSQL database, never a SQLite file");
        let dir = tempfile::tempdir().expect("temp dir");
        let mut settings = self.settings.clone();
        settings.data_dir = dir.path().to_path_buf();
        let (address, state) = serve(&settings).await;
        TestApp { address, settings, state, _dir: dir, _pg: None }
    }

    /// Waits until every index (postings, course sessions, products) has applied the whole feed.
    pub async fn wait_indexed(&self) {
        let newest = doorstep_server::storage::last_change(self.db()).await.expect("feed");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let behind = || {
            let cursors = [("posting", self.state.index.cursor()), ("course session", self.state.courses.cursor()), ("product", self.state.products.cursor())];
            cursors.into_iter().find(|(_, c)| *c < newest)
        };
        while let Some((kind, cursor)) = behind() {
            assert!(std::time::Instant::now() < deadline, "{kind} index stuck at {cursor} < {newest}");
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    pub fn anonymous(&self) -> Client {
        let http = reqwest::Client::builder().cookie_store(true).build().expect("client");
        Client { http, base: self.address.clone() }
    }

    /// Creates a user directly (arrange step) and returns its id.
    pub async fn create_user(&self, role: &str, username: &str, region: Option<&str>, employer: Option<i64>) -> i64 {
        create_user(
            &self.state,
            NewAccount {
                role: role.into(),
                username: username.into(),
                password: PASSWORD.into(),
                display_name: Some(format!("{username} 的名字")),
                region: region.map(String::from),
                employer_id: employer,
                person_id: None,
            },
        )
        .await
        .expect("user created")
    }

    /// A client logged in as a new user of that role.
    pub async fn login_as(&self, role: &str, username: &str, region: Option<&str>, employer: Option<i64>) -> Client {
        self.create_user(role, username, region, employer).await;
        let client = self.anonymous();
        let res = client.login(username, PASSWORD).await;
        assert_eq!(res.status(), StatusCode::OK, "login of {username}");
        client
    }

    pub async fn admin(&self) -> Client {
        self.login_as("admin", "admin", None, None).await
    }

    pub async fn staff(&self, username: &str, region: &str) -> Client {
        self.login_as("staff", username, Some(region), None).await
    }

    /// An employer in a Hanbin town, created by an admin client.
    pub async fn employer_in(&self, admin: &Client, region: &str) -> i64 {
        let res = admin
            .post_json(
                "/api/v1/employers",
                &json!({"name": "汉滨毛绒玩具社区工厂", "kind": "community_factory", "region_code": region,
                        "contact_name": "张厂长", "contact_phone": "13900000001"}),
            )
            .await;
        assert_eq!(res.status(), StatusCode::CREATED);
        body(res).await["id"].as_i64().expect("employer id")
    }
}

impl Client {
    /// Another handle on the same session (reqwest clients share their cookie jar).
    pub fn clone_session(&self) -> Client {
        Client { http: self.http.clone(), base: self.base.clone() }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.http.get(format!("{}{path}", self.base)).send().await.expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.http.post(format!("{}{path}", self.base)).json(body).send().await.expect("request sent")
    }

    pub async fn patch_json(&self, path: &str, body: &Value) -> Response {
        self.http.patch(format!("{}{path}", self.base)).json(body).send().await.expect("request sent")
    }

    pub async fn put_json(&self, path: &str, body: &Value) -> Response {
        self.http.put(format!("{}{path}", self.base)).json(body).send().await.expect("request sent")
    }

    pub async fn post_raw(&self, path: &str, content_type: &str, body: Vec<u8>) -> Response {
        self.http.post(format!("{}{path}", self.base)).header("content-type", content_type).body(body).send().await.expect("request sent")
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
        self.post_json("/api/v1/auth/login", &json!({"username": username, "password": password})).await
    }

    pub async fn create_person(&self, person: &Value) -> Response {
        self.post_json("/api/v1/people", person).await
    }

    pub async fn ask_registration_code(&self, phone: &str) -> Response {
        self.post_json("/api/v1/auth/register/code", &json!({"phone": phone})).await
    }

    /// Signs up the whole way: asks for a code, reads it from the SMS outbox and
    /// registers `form` (phone, password, display_name) with it.
    pub async fn sign_up(&self, app: &TestApp, form: &Value) -> Response {
        let phone = form["phone"].as_str().expect("phone");
        assert_eq!(self.ask_registration_code(phone).await.status(), StatusCode::ACCEPTED);
        let code = code_in(&app.last_sms_to(&digits(phone)).await).expect("a code in the SMS");
        let mut form = form.clone();
        form["code"] = json!(code);
        self.post_json("/api/v1/auth/register", &form).await
    }
}

/// The newest SMS queued for a phone (11 digits), read straight from the outbox.
impl TestApp {
    pub async fn last_sms_to(&self, phone: &str) -> String {
        let (message,): (String,) = sqlx::query_as("SELECT message FROM sms_outbox WHERE phone = $1 ORDER BY id DESC LIMIT 1")
            .bind(phone)
            .fetch_one(self.db().pool())
            .await
            .expect("an SMS to that phone");
        message
    }
}

/// The 6-digit code an SMS carries, if any.
pub fn code_in(sms: &str) -> Option<String> {
    let digits: Vec<char> = sms.chars().collect();
    digits.windows(6).find(|w| w.iter().all(char::is_ascii_digit)).map(|w| w.iter().collect())
}

/// The last 11 digits of a phone as typed (`+86 138-0000-9999` → `13800009999`).
pub fn digits(phone: &str) -> String {
    let all: String = phone.chars().filter(char::is_ascii_digit).collect();
    all[all.len().saturating_sub(11)..].to_string()
}

pub async fn body(res: Response) -> Value {
    res.json().await.expect("json body")
}

/// Asserts the status and the error shape, and returns the error's fields.
pub async fn assert_error(res: Response, status: StatusCode, code: ErrorCode) -> Vec<String> {
    let got = res.status();
    if got == StatusCode::TOO_MANY_REQUESTS {
        // A refused client is told when to come back.
        let retry_after = res.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
        assert!(retry_after.is_some_and(|s| s > 0), "a 429 carries Retry-After in seconds: {:?}", res.headers());
    }
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "body: {text}");
    let parsed: ApiErrorBody = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not our error shape ({e}): {text}"));
    assert_eq!(parsed.error.code, code, "body: {text}");
    assert!(!parsed.error.message.is_empty());
    parsed.error.fields
}

/// A valid person in Hanbin's 老城街道 with a checksum-correct ID number.
pub fn person_json(name: &str, id_number: &str) -> Value {
    serde_json::to_value(PersonRequest {
        name: name.into(),
        id_number: id_number.into(),
        phone: "13800001234".into(),
        gender: doorstep_shared::api::Gender::Female,
        birth_year: id_number[6..10].parse().expect("year"),
        home_region: "610902001".into(),
        home_lat: None,
        home_lon: None,
        categories: vec![doorstep_shared::api::AssistanceCategory::Dibao],
        disability_grade: None,
        skills: vec!["做衣服".into()],
        preferences: Preferences::default(),
        consent_to_share: true,
    })
    .expect("serialisable")
}

/// A valid ID number for a county, birth year and sequence.
pub fn id_number(county: &str, year: u16, seq: u16) -> String {
    let body = format!("{county}{year:04}0615{seq:03}");
    let check = doorstep_shared::types::IdCardNumber::check_char(&body).expect("17 digits");
    format!("{body}{check}")
}

/// A posting for a sewing job at a Hanbin community factory, valid for 30 days.
pub fn posting_json(employer_id: i64) -> Value {
    json!({
        "employer_id": employer_id,
        "title": "缝纫工",
        "description": "社区工厂缝制毛绒玩具，计件工资，可带孩子上班",
        "region_code": "610902001",
        "skills": ["缝纫"],
        "wage_min": 2800,
        "wage_max": 3600,
        "headcount": 5,
        "schedule": "full_time",
        "accommodation": false,
        "physical_demand": "light",
        "accessible": true,
        "valid_until": days_from_today(30),
    })
}

/// `YYYY-MM-DD`, `days` from today in China.
pub fn days_from_today(days: i64) -> String {
    doorstep_server::clock::today().plus_days(days).to_string()
}

impl Client {
    /// Creates a posting and approves it (the client must be staff or admin); waits until it is searchable.
    pub async fn open_posting(&self, app: &TestApp, posting: &Value) -> i64 {
        let res = self.post_json("/api/v1/postings", posting).await;
        let status = res.status();
        let created = body(res).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_i64().expect("posting id");
        let approved = self.post_json(&format!("/api/v1/postings/{id}/approve"), &json!({})).await;
        assert_eq!(approved.status(), StatusCode::OK);
        app.wait_indexed().await;
        id
    }
}

/// Rows in a table, read straight from the database.
pub async fn count_rows(app: &TestApp, table: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(app.db().pool()).await.expect("count");
    n
}

impl TestApp {
    /// A client logged in as a new seeker whose account is linked to `person_id`.
    pub async fn seeker_of(&self, username: &str, person_id: i64) -> Client {
        create_user(
            &self.state,
            NewAccount {
                role: "seeker".into(),
                username: username.into(),
                password: PASSWORD.into(),
                display_name: Some(format!("{username} 的名字")),
                region: None,
                employer_id: None,
                person_id: Some(person_id),
            },
        )
        .await
        .expect("seeker created");
        let client = self.anonymous();
        assert_eq!(client.login(username, PASSWORD).await.status(), StatusCode::OK, "login of {username}");
        client
    }
}

impl Client {
    /// Registers a person (the client must be staff or admin) and returns the id.
    pub async fn register_person(&self, person: &Value) -> i64 {
        let res = self.create_person(person).await;
        let status = res.status();
        let created = body(res).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        created["id"].as_i64().expect("person id")
    }

    /// `POST /api/v1/applications`: a seeker applies (`person_id` None) or staff refer.
    pub async fn apply(&self, posting_id: i64, person_id: Option<i64>) -> Response {
        self.post_json("/api/v1/applications", &json!({"posting_id": posting_id, "person_id": person_id})).await
    }

    /// `POST /api/v1/applications/{id}/status`
    pub async fn move_application(&self, id: i64, change: &Value) -> Response {
        self.post_json(&format!("/api/v1/applications/{id}/status"), change).await
    }

    /// `POST /api/v1/placements/{id}/follow-ups`
    pub async fn follow_up(&self, placement_id: i64, follow_up: &Value) -> Response {
        self.post_json(&format!("/api/v1/placements/{placement_id}/follow-ups"), follow_up).await
    }

    /// `POST /api/v1/push`
    pub async fn push(&self, request: &Value) -> Response {
        self.post_json("/api/v1/push", request).await
    }
}

/// A hire's body: start in a week at 3200 yuan a month.
pub fn hire_json() -> Value {
    json!({"status": "hired", "start_date": days_from_today(7), "monthly_wage": 3200})
}

/// Waits until the writers have had at least `count` writes acknowledged
/// (under load that takes longer; a fixed pause would test nothing then).
pub async fn wait_for_writes(acknowledged: &Mutex<BTreeSet<i64>>, count: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while acknowledged.lock().expect("lock").len() < count {
        assert!(std::time::Instant::now() < deadline, "the writers never reached {count} acknowledged writes");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// A writer for crash and backup tests: opens postings (create, approve) until
/// `stop`, or until a request fails; `acknowledged` gets every id whose approval answered 200.
pub async fn open_postings_until_stopped(client: Client, employer_id: i64, acknowledged: Arc<Mutex<BTreeSet<i64>>>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(res) = client.http.post(format!("{}/api/v1/postings", client.base)).json(&posting_json(employer_id)).send().await else { return };
        let Ok(created) = res.json::<serde_json::Value>().await else { return };
        let Some(id) = created["id"].as_i64() else { return };
        let approve = client.http.post(format!("{}/api/v1/postings/{id}/approve", client.base)).json(&json!({})).send().await;
        match approve {
            Ok(res) if res.status() == StatusCode::OK => {
                acknowledged.lock().expect("lock").insert(id);
            }
            _ => return,
        }
    }
}
