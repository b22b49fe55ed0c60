//! The real `doorstep` binary killed with SIGKILL while eight writers open
//! postings, then started again on the same data: every write it acknowledged
//! is in the database and found by search. And killed in the middle of a push
//! job: started again, it resumes the job, which ends with every person
//! pushed exactly once and counts equal to the rows. `cargo xtask test` builds the
//! binary first; `DOORSTEP_TEST_SERVER_BIN` may point at another build.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use doorstep_shared::api::{PostingPage, PushJob, PushState};
use futures::StreamExt;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, id_number, open_postings_until_stopped, person_json, posting_json, wait_for_writes, Client, PgDatabase, PASSWORD};

const WRITERS: usize = 8;

fn server_binary() -> PathBuf {
    if let Ok(bin) = std::env::var("DOORSTEP_TEST_SERVER_BIN") {
        return bin.into();
    }
    // target/debug/deps/api-… → target/debug/doorstep
    let exe = std::env::current_exe().expect("test binary path");
    let bin = exe.parent().and_then(Path::parent).expect("target dir").join("doorstep");
    assert!(bin.exists(), "{} is missing: run `cargo build -p doorstep-server --bin doorstep` (cargo xtask test does)", bin.display());
    bin
}

/// One server process over a data directory and database.
struct Server {
    child: Child,
    client: Client,
}

fn doorstep(data_dir: &Path, database_url: &str) -> Command {
    let mut command = Command::new(server_binary());
    command
        .env("DOORSTEP_DATA_DIR", data_dir)
        .env("DOORSTEP_DATABASE_URL", database_url)
        .env("DOORSTEP_BIND", "127.0.0.1:0")
        .env("DOORSTEP_SEED_DEMO", "false")
        .env("DOORSTEP_LOG_FORMAT", "json")
        .env("DOORSTEP_SITE_DIR", data_dir.join("no-site"))
        .env("DOORSTEP_LOGIN__PER_ADDRESS_PER_MINUTE", "10000")
        .args(["--config", "none.toml"]);
    command
}

impl Server {
    /// Starts `doorstep serve` and waits (a minute at most) for the log line that names its port.
    async fn start(data_dir: &Path, database_url: &str) -> Self {
        Self::start_with(data_dir, database_url, &[]).await
    }

    /// Starts `doorstep serve` with more environment settings.
    async fn start_with(data_dir: &Path, database_url: &str, env: &[(&str, &str)]) -> Self {
        let mut command = doorstep(data_dir, database_url);
        command.envs(env.iter().copied());
        let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("server starts");
        let log = child.stderr.take().expect("stderr");
        let port = tokio::task::spawn_blocking(move || {
            let mut lines = BufReader::new(log).lines();
            let port = loop {
                let line = lines.next().expect("the server exited before serving").expect("log line");
                let Ok(entry) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
                if let Some(port) = entry["port"].as_u64() {
                    break port;
                }
            };
            // Keep draining the log so the server never blocks on a full pipe.
            std::thread::spawn(move || lines.for_each(drop));
            port
        });
        let port = tokio::time::timeout(Duration::from_secs(60), port).await.expect("the server names its port within a minute").expect("log reader");
        let http = reqwest::Client::builder().cookie_store(true).build().expect("client");
        Self { child, client: Client { http, base: format!("http://127.0.0.1:{port}") } }
    }

    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reaped");
    }
}

/// Every open posting id search finds, page by page.
async fn searchable(client: &Client) -> BTreeSet<i64> {
    let mut found = BTreeSet::new();
    for page in 1.. {
        let res = client.get(&format!("/api/v1/postings?per_page=100&page={page}")).await;
        let Ok(page) = res.json::<PostingPage>().await else { break };
        if page.items.is_empty() {
            break;
        }
        found.extend(page.items.iter().map(|p| p.id));
    }
    found
}

async fn killed_under_write_load_loses_no_acknowledged_write(database_url: &str, data_dir: &Path) {
    let created = doorstep(data_dir, database_url)
        .args(["create-user", "--role", "admin", "--username", "admin", "--password", PASSWORD])
        .output()
        .expect("create-user runs");
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let server = Server::start(data_dir, database_url).await;
    assert_eq!(server.client.login("admin", PASSWORD).await.status(), StatusCode::OK);
    let employer = json!({"name": "汉滨毛绒玩具社区工厂", "kind": "community_factory", "region_code": "610902001",
                          "contact_name": "张厂长", "contact_phone": "13900000001"});
    let employer_id = body(server.client.post_json("/api/v1/employers", &employer).await).await["id"].as_i64().expect("employer id");

    let acknowledged = Arc::new(Mutex::new(BTreeSet::new()));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writers: Vec<_> = (0..WRITERS)
        .map(|_| tokio::spawn(open_postings_until_stopped(server.client.clone_session(), employer_id, acknowledged.clone(), stop.clone())))
        .collect();
    // Killed mid-stream: several writes per writer acknowledged, more in flight.
    wait_for_writes(&acknowledged, 4 * WRITERS).await;
    server.kill();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        w.await.expect("writer");
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(acknowledged.len() >= WRITERS, "too few writes before the kill: {}", acknowledged.len());

    let restarted = Server::start(data_dir, database_url).await;
    for id in &acknowledged {
        let res = restarted.client.get(&format!("/api/v1/postings/{id}")).await;
        assert_eq!(res.status(), StatusCode::OK, "acknowledged posting {id} is gone");
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut found = searchable(&restarted.client).await;
    while !acknowledged.is_subset(&found) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
        found = searchable(&restarted.client).await;
    }
    let missing: Vec<_> = acknowledged.difference(&found).collect();
    assert!(missing.is_empty(), "acknowledged but not searchable: {missing:?}");
    eprintln!(
        "crash test: {} acknowledged, {} in the database, {} searchable after restart",
        acknowledged.len(),
        acknowledged.len(),
        found.intersection(&acknowledged).count()
    );
    restarted.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_killed_under_write_load_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("doorstep.db").display());
    killed_under_write_load_loses_no_acknowledged_write(&url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_killed_under_write_load_loses_no_acknowledged_write() {
    let Ok(admin_url) = std::env::var("DOORSTEP_TEST_POSTGRES_URL") else {
        eprintln!("DOORSTEP_TEST_POSTGRES_URL is not set: postgres variant not run");
        return;
    };
    let pg = PgDatabase::create(&admin_url).await;
    let dir = tempfile::tempdir().expect("temp dir");
    killed_under_write_load_loses_no_acknowledged_write(&pg.url, dir.path()).await;
}

/// Small pages and a short lease, so the kill lands between pages and a
/// PostgreSQL restart may take the job over within seconds.
const PUSH_ENV: &[(&str, &str)] = &[("DOORSTEP_PUSH__PAGE_SIZE", "5"), ("DOORSTEP_PUSH__LEASE_SECS", "2")];
const PUSH_PEOPLE: usize = 300;
const POSTINGS: usize = 3;

async fn push_job(client: &Client, id: i64) -> PushJob {
    client.get(&format!("/api/v1/push/{id}")).await.json().await.expect("push job")
}

async fn scalar(db: &doorstep_server::storage::Db, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.expect(sql);
    n
}

async fn killed_mid_push_resumes_and_pushes_everyone_once(database_url: &str, data_dir: &Path) {
    let created = doorstep(data_dir, database_url)
        .args(["create-user", "--role", "admin", "--username", "admin", "--password", PASSWORD])
        .output()
        .expect("create-user runs");
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let server = Server::start_with(data_dir, database_url, PUSH_ENV).await;
    assert_eq!(server.client.login("admin", PASSWORD).await.status(), StatusCode::OK);
    let employer = json!({"name": "汉滨毛绒玩具社区工厂", "kind": "community_factory", "region_code": "610902001",
                          "contact_name": "张厂长", "contact_phone": "13900000001"});
    let employer_id = body(server.client.post_json("/api/v1/employers", &employer).await).await["id"].as_i64().expect("employer id");
    for _ in 0..POSTINGS {
        let id = body(server.client.post_json("/api/v1/postings", &posting_json(employer_id)).await).await["id"].as_i64().expect("posting");
        let approved = server.client.post_json(&format!("/api/v1/postings/{id}/approve"), &json!({})).await;
        assert_eq!(approved.status(), StatusCode::OK);
    }
    let register = (0..PUSH_PEOPLE).map(|i| {
        let client = server.client.clone_session();
        async move {
            let mut person = person_json("王秀英", &id_number("610902", 1970 + (i / 500) as u16, (i % 500) as u16));
            person["phone"] = json!(format!("138{i:08}"));
            assert_eq!(client.create_person(&person).await.status(), StatusCode::CREATED);
        }
    });
    futures::stream::iter(register).buffer_unordered(4).collect::<Vec<()>>().await;
    // The postings must be searchable before the push matches against them.
    let deadline = Instant::now() + Duration::from_secs(30);
    while searchable(&server.client).await.len() < POSTINGS {
        assert!(Instant::now() < deadline, "postings never became searchable");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let res = server.client.push(&json!({})).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    let id = res.json::<PushJob>().await.expect("job").id;
    let deadline = Instant::now() + Duration::from_secs(60);
    while push_job(&server.client, id).await.people_done < 50 {
        assert!(Instant::now() < deadline, "the push never got going");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill();
    let db = doorstep_server::storage::Db::connect(database_url).await.expect("database");
    let at_kill = doorstep_server::storage::get_push_job(&db, id).await.expect("job");
    assert_eq!(at_kill.state, PushState::Running, "the push finished before the kill: nothing to resume");
    assert!(at_kill.people_done < PUSH_PEOPLE as u64, "{at_kill:?}");
    assert_eq!(at_kill.summary.items, scalar(&db, "SELECT COUNT(*) FROM push_items").await as u64, "committed pages count what they wrote");

    let restarted = Server::start_with(data_dir, database_url, PUSH_ENV).await;
    assert_eq!(restarted.client.login("admin", PASSWORD).await.status(), StatusCode::OK);
    let deadline = Instant::now() + Duration::from_secs(120);
    let job = loop {
        let job = push_job(&restarted.client, id).await;
        if job.state != PushState::Running {
            break job;
        }
        assert!(Instant::now() < deadline, "the push was not resumed: {job:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };

    let people = PUSH_PEOPLE as u64;
    assert_eq!(job.state, PushState::Finished);
    assert_eq!((job.people_done, job.people_total, job.summary.people, job.summary.people_reached), (people, people, people, people));
    assert_eq!((job.summary.items, job.summary.sms_queued), (people * POSTINGS as u64, people), "{job:?}");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM push_items").await as u64, job.summary.items, "inbox rows equal the count");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM sms_outbox").await as u64, job.summary.sms_queued, "SMS rows equal the count");
    assert_eq!(scalar(&db, "SELECT COUNT(DISTINCT person_id) FROM push_items").await as u64, people, "everyone pushed");
    let twice = "SELECT COUNT(*) FROM (SELECT person_id FROM sms_outbox GROUP BY person_id HAVING COUNT(*) > 1) t";
    assert_eq!(scalar(&db, twice).await, 0, "nobody got two SMS");
    eprintln!("push crash test: killed at {} of {people} people, resumed and finished", at_kill.people_done);
    db.pool().close().await;
    restarted.kill();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_killed_mid_push_resumes_and_pushes_everyone_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("doorstep.db").display());
    killed_mid_push_resumes_and_pushes_everyone_once(&url, dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_killed_mid_push_resumes_and_pushes_everyone_once() {
    let Ok(admin_url) = std::env::var("DOORSTEP_TEST_POSTGRES_URL") else {
        eprintln!("DOORSTEP_TEST_POSTGRES_URL is not set: postgres variant not run");
        return;
    };
    let pg = PgDatabase::create(&admin_url).await;
    let dir = tempfile::tempdir().expect("temp dir");
    killed_mid_push_resumes_and_pushes_everyone_once(&pg.url, dir.path()).await;
}
