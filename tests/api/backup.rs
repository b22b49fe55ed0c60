//! `doorstep backup` under write load and `doorstep restore` on a stopped
//! server: the restored database holds every write acknowledged before the
//! backup started, and search finds them after the index is rebuilt.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use doorstep_server::backup::{backup, restore};
use doorstep_server::configuration::Settings;
use doorstep_shared::api::PostingPage;
use reqwest::StatusCode;

use crate::helpers::{open_postings_until_stopped, serve, spawn_app, wait_for_writes, Backend, Client, TestOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_write_load_restores_every_write_acknowledged_before_it() {
    let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("app");
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let (acknowledged, stop) = (Arc::new(Mutex::new(BTreeSet::new())), Arc::new(AtomicBool::new(false)));
    let writers: Vec<_> =
        (0..4).map(|_| tokio::spawn(open_postings_until_stopped(admin.clone_session(), employer_id, acknowledged.clone(), stop.clone()))).collect();
    wait_for_writes(&acknowledged, 8).await;
    let copy = tempfile::tempdir().expect("temp dir");
    let file = copy.path().join("doorstep-backup.db");

    let before = acknowledged.lock().expect("lock").clone();
    backup(app.db(), &file).await.expect("backup");
    // Writes go on after the backup too; the restore must not need them.
    wait_for_writes(&acknowledged, before.len() + 4).await;
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.expect("writer");
    }

    let busy = Settings { bind: app.address.trim_start_matches("http://").to_string(), ..app.settings.clone() };
    assert!(restore(&busy, &file).await.is_err(), "restore refuses while a server listens on its address");
    let target = tempfile::tempdir().expect("temp dir");
    let settings = Settings { data_dir: target.path().to_path_buf(), database_url: None, ..app.settings.clone() };
    restore(&settings, &file).await.expect("restore");
    let (address, state) = serve(&settings).await;
    let restored = Client { http: reqwest::Client::new(), base: address };
    assert!(before.len() >= 4, "only {} writes before the backup", before.len());
    for id in &before {
        assert_eq!(restored.get(&format!("/api/v1/postings/{id}")).await.status(), StatusCode::OK, "posting {id}");
    }
    let newest = doorstep_server::storage::last_change(&state.db).await.expect("feed");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while state.index.cursor() < newest {
        assert!(std::time::Instant::now() < deadline, "the index never caught up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let page: PostingPage = restored.get("/api/v1/postings?per_page=1").await.json().await.expect("page");
    assert!(page.total >= before.len() as u64, "search finds {} of {}", page.total, before.len());
    eprintln!("backup test: {} acknowledged before the backup, {} after restore", before.len(), page.total);
}
