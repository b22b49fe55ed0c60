//! For the SMS tests: a stand-in gateway (a real HTTP server on a free port
//! that answers as scripted and delivers each idempotency key once, as a
//! real gateway does), workers pointed at it, a pushing world, and the outbox
//! read straight from the database.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::net::TcpListener;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use doorstep_server::configuration::{SmsGatewayKind, SmsSettings};
use doorstep_server::sms::{day_start, SmsWorker};
use doorstep_shared::api::PushJob;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::helpers::{id_number, person_json, posting_json, Client, TestApp};

/// The secret the gateway and the server share.
pub const SECRET: &str = "a-gateway-secret-for-tests";
/// The links' base in every test.
pub const LINK_BASE: &str = "https://jiuye.example.cn";
/// How long a `Slow` answer takes: far beyond the workers' timeout.
const SLOW: Duration = Duration::from_secs(3);

/// How the gateway answers one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Delivers (once per key) and says 200.
    Ok,
    /// 500, delivers nothing.
    Fail,
    /// Delivers, then answers only after the worker gave up waiting.
    Slow,
    /// 400: refuses the message.
    Refuse,
}

/// One request the gateway received.
#[derive(Debug, Clone)]
pub struct Received {
    pub key: String,
    pub body: Value,
    pub answer: Answer,
}

#[derive(Default)]
struct Log {
    requests: Vec<Received>,
    /// Keys delivered to a phone, each once: the phone each went to.
    delivered: HashMap<String, String>,
    /// Requests for a key already delivered: answered 200, not delivered again.
    duplicates: u32,
}

struct Script {
    next: Mutex<VecDeque<Answer>>,
    then: Answer,
    log: Mutex<Log>,
}

/// The stand-in gateway.
pub struct FakeGateway {
    pub url: String,
    script: web::Data<Script>,
}

impl FakeGateway {
    /// Answers `first` in order, then `then` to everything.
    pub async fn start(first: &[Answer], then: Answer) -> Self {
        let script = web::Data::new(Script { next: Mutex::new(first.iter().copied().collect()), then, log: Mutex::new(Log::default()) });
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("address").port();
        let data = script.clone();
        let server = HttpServer::new(move || App::new().app_data(data.clone()).route("/sms", web::post().to(receive)))
            .workers(2)
            .listen(listener)
            .expect("listen")
            .run();
        tokio::spawn(server);
        Self { url: format!("http://127.0.0.1:{port}/sms"), script }
    }

    pub fn requests(&self) -> Vec<Received> {
        self.script.log.lock().expect("lock").requests.clone()
    }

    /// Keys delivered, each to its phone.
    pub fn delivered(&self) -> HashMap<String, String> {
        self.script.log.lock().expect("lock").delivered.clone()
    }

    pub fn duplicates(&self) -> u32 {
        self.script.log.lock().expect("lock").duplicates
    }

    /// Worker settings pointing at this gateway: a 500 ms timeout, `max_attempts`, 30 s doubling backoff.
    pub fn settings(&self, max_attempts: u32) -> SmsSettings {
        SmsSettings {
            gateway: SmsGatewayKind::Http,
            url: Some(self.url.clone()),
            secret: Some(SECRET.to_string().into()),
            timeout_ms: 500,
            link_base: LINK_BASE.into(),
            max_attempts,
            ..SmsSettings::default()
        }
    }

    /// A worker of its own (a server node of its own) sending through this gateway.
    pub fn worker(&self, app: &TestApp, settings: &SmsSettings) -> SmsWorker {
        SmsWorker::from_settings(app.db().clone(), settings).expect("worker")
    }
}

/// Checks the request as a real gateway would (signature, key), then answers as scripted.
async fn receive(req: HttpRequest, body: web::Bytes, script: web::Data<Script>) -> HttpResponse {
    let signature = req.headers().get("x-doorstep-signature").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    if signature != sign(&body) {
        return HttpResponse::Unauthorized().finish();
    }
    let key = req.headers().get("idempotency-key").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let Ok(parsed) = serde_json::from_slice::<Value>(&body) else {
        return HttpResponse::BadRequest().finish();
    };
    if parsed["idempotency_key"] != json!(key) || key.is_empty() {
        return HttpResponse::BadRequest().finish();
    }
    let answer = script.next.lock().expect("lock").pop_front().unwrap_or(script.then);
    {
        let mut guard = script.log.lock().expect("lock");
        let log = &mut *guard;
        log.requests.push(Received { key: key.clone(), body: parsed.clone(), answer });
        if matches!(answer, Answer::Ok | Answer::Slow) {
            match log.delivered.entry(key) {
                Entry::Occupied(_) => log.duplicates += 1,
                Entry::Vacant(slot) => {
                    slot.insert(parsed["phone"].as_str().unwrap_or_default().to_string());
                }
            }
        }
    }
    match answer {
        Answer::Ok => HttpResponse::Ok().json(json!({"accepted": true})),
        Answer::Slow => {
            tokio::time::sleep(SLOW).await;
            HttpResponse::Ok().json(json!({"accepted": true}))
        }
        Answer::Fail => HttpResponse::InternalServerError().body("carrier unavailable"),
        Answer::Refuse => HttpResponse::BadRequest().body("phone number not in service"),
    }
}

/// HMAC-SHA256 of a body with the shared secret, hex.
pub fn sign(body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).expect("any key length");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// `hour` o'clock today, China time.
pub fn today_at(hour: i64) -> i64 {
    day_start(doorstep_server::clock::now()) + hour * 3_600
}

/// Hanbin staff, an admin, an open sewing posting in 老城街道.
pub struct World {
    pub admin: Client,
    pub staff: Client,
    pub employer_id: i64,
}

pub async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let staff = app.staff("staff_hanbin", "610902").await;
    admin.open_posting(app, &posting_json(employer_id)).await;
    World { admin, staff, employer_id }
}

impl World {
    /// A seeker in 老城街道 with a phone of their own; their id.
    pub async fn person(&self, name: &str, seq: u16, phone: &str) -> i64 {
        let mut p = person_json(name, &id_number("610902", 1980, seq));
        p["phone"] = json!(phone);
        self.staff.register_person(&p).await
    }

    /// Another posting like the first, so the next push has something new.
    pub async fn another_posting(&self, app: &TestApp, title: &str) -> i64 {
        let mut p = posting_json(self.employer_id);
        p["title"] = json!(title);
        self.admin.open_posting(app, &p).await
    }

    /// Pushes Hanbin and waits for the job to finish; its id.
    pub async fn push(&self, app: &TestApp) -> i64 {
        app.wait_indexed().await;
        let res = self.staff.push(&json!({})).await;
        assert_eq!(res.status(), StatusCode::ACCEPTED);
        let id = res.json::<PushJob>().await.expect("job").id;
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let job: PushJob = self.staff.get(&format!("/api/v1/push/{id}")).await.json().await.expect("job");
            if job.state != doorstep_shared::api::PushState::Running {
                return id;
            }
            assert!(std::time::Instant::now() < deadline, "push job {id} still running");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// An outbox row.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Outbox {
    pub id: i64,
    pub phone: String,
    pub kind: String,
    pub status: String,
    pub reason: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub idempotency_key: String,
    pub last_error: Option<String>,
    pub sent_at: Option<i64>,
}

/// The whole outbox, by id.
pub async fn outbox(app: &TestApp) -> Vec<Outbox> {
    sqlx::query_as("SELECT id, phone, kind, status, reason, attempts, next_attempt_at, idempotency_key, last_error, sent_at FROM sms_outbox ORDER BY id")
        .fetch_all(app.db().pool())
        .await
        .expect("outbox")
}
