//! The real `doorstep` binary killed with SIGKILL while eight writers open
//! postings, then started again on the same data: every write it acknowledged
//! is in the database and found by search. `cargo xtask test` builds the
//! binary first; `DOORSTEP_TEST_SERVER_BIN` may point at another build.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use doorstep_shared::api::PostingPage;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{body, open_postings_until_stopped, wait_for_writes, Client, PgDatabase, PASSWORD};

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
        let mut child = doorstep(data_dir, database_url).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("server starts");
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
