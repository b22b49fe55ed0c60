//! Several nodes: two servers on one PostgreSQL database, each with a data
//! directory of its own (so index replicas of its own, following the change
//! feed) and the same secret key, serve as one. PostgreSQL only: SQLite is one node.

use std::time::{Duration, Instant};

use doorstep_shared::api::{MeResponse, PostingPage, PushJob, PushState, PushSummary, RevealResponse};
use reqwest::header::{HeaderMap, HeaderValue, COOKIE, SET_COOKIE};
use reqwest::StatusCode;
use serde_json::json;
use sqlx::Connection;

use crate::helpers::{body, id_number, person_json, posting_json, spawn_app, Backend, Client, TestApp, TestOptions, PASSWORD};

/// How long the other node may take to find a posting: the issue asks for 2 s;
/// the test fails only well beyond, so a loaded machine does not make it flaky.
const VISIBLE_WITHIN: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_on_one_database_share_postings_sessions_and_pushes() {
    let Some(a) = spawn_app(Backend::Postgres, TestOptions::default()).await else {
        eprintln!("DOORSTEP_TEST_POSTGRES_URL is not set: the nodes test not run");
        return;
    };
    let b = a.another_node().await;
    // Each node runs its push worker, as `doorstep serve` does.
    a.state.spawn_push_worker();
    b.state.spawn_push_worker();
    assert_ne!(a.settings.index_dir(), b.settings.index_dir(), "each node keeps its own index");
    let admin = a.admin().await;
    let employer_id = a.employer_in(&admin, "610902001").await;
    a.create_user("staff", "staff_hanbin", Some("610902"), None).await;

    let cookie = session_cookie(&a, "staff_hanbin").await;
    let (staff_a, staff_b) = (with_cookie(&a, &cookie), with_cookie(&b, &cookie));

    a_session_from_one_node_is_accepted_by_the_other(&b, &staff_b).await;
    let person = an_id_number_sealed_on_one_node_is_read_on_the_other(&staff_a, &staff_b).await;
    a_posting_approved_on_one_node_is_found_on_the_other(&b, &staff_a, employer_id).await;
    a_push_running_on_one_node_is_refused_on_the_other(&a, &staff_a, &staff_b, person).await;
    a_logout_on_one_node_ends_the_session_on_both(&staff_a, &staff_b).await;
}

/// Logs in on `node` and returns the session cookie (`name=value`) it set.
async fn session_cookie(node: &TestApp, username: &str) -> String {
    let http = reqwest::Client::new();
    let res = http.post(format!("{}/api/v1/auth/login", node.address)).json(&json!({"username": username, "password": PASSWORD})).send().await.expect("login");
    assert_eq!(res.status(), StatusCode::OK, "login of {username}");
    let set = res.headers().get(SET_COOKIE).expect("a session cookie").to_str().expect("ascii").to_string();
    set.split(';').next().expect("name=value").to_string()
}

/// A client of `node` sending `cookie`, whichever node set it (no cookie jar).
fn with_cookie(node: &TestApp, cookie: &str) -> Client {
    let mut headers = HeaderMap::new();
    headers.insert(COOKIE, HeaderValue::from_str(cookie).expect("cookie header"));
    let http = reqwest::Client::builder().default_headers(headers).build().expect("client");
    Client { http, base: node.address.clone() }
}

async fn me(client: &Client) -> Option<MeResponse> {
    let res = client.get("/api/v1/me").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("me")
}

async fn a_session_from_one_node_is_accepted_by_the_other(b: &TestApp, staff_b: &Client) {
    let user = me(staff_b).await.expect("node B knows node A's session");

    assert_eq!(user.username, "staff_hanbin");
    assert!(me(&b.anonymous()).await.is_none(), "without the cookie node B knows no one");
}

/// Registers a person through node A (their ID number sealed with the secret
/// key) and reveals it through node B; the person's id.
async fn an_id_number_sealed_on_one_node_is_read_on_the_other(staff_a: &Client, staff_b: &Client) -> i64 {
    let number = id_number("610902", 1980, 1);
    let person = staff_a.register_person(&person_json("王秀英", &number)).await;

    let res = staff_b.post_json(&format!("/api/v1/people/{person}/reveal"), &json!({})).await;

    assert_eq!(res.status(), StatusCode::OK);
    let revealed: RevealResponse = res.json().await.expect("reveal");
    assert_eq!(revealed.id_number, number, "both nodes hold the same secret key");
    person
}

async fn a_posting_approved_on_one_node_is_found_on_the_other(b: &TestApp, staff_a: &Client, employer_id: i64) {
    let search = b.anonymous();
    assert_eq!(found(&search).await.total, 0);
    let created = body(staff_a.post_json("/api/v1/postings", &posting_json(employer_id)).await).await;
    let id = created["id"].as_i64().expect("posting id");

    let approved = staff_a.post_json(&format!("/api/v1/postings/{id}/approve"), &json!({})).await;
    let since = Instant::now();

    assert_eq!(approved.status(), StatusCode::OK);
    loop {
        let page = found(&search).await;
        if page.total > 0 {
            assert_eq!(page.items.iter().map(|p| p.id).collect::<Vec<_>>(), vec![id]);
            break;
        }
        assert!(since.elapsed() < VISIBLE_WITHIN, "node B never found the posting node A approved");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    eprintln!("a posting approved on node A was found on node B after {} ms", since.elapsed().as_millis());
}

async fn found(client: &Client) -> PostingPage {
    let res = client.get("/api/v1/postings?q=%E7%BC%9D%E7%BA%AB").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("page")
}

/// Starts a push through node A while a transaction of the test holds the
/// placements table (the job reads it for its first page, the start does
/// not), so the job is sure to be running, not merely likely; node B refuses
/// an overlapping push, and takes one once the job has finished.
async fn a_push_running_on_one_node_is_refused_on_the_other(a: &TestApp, staff_a: &Client, staff_b: &Client, person: i64) {
    let mut holder = sqlx::PgConnection::connect(&a.settings.database_url()).await.expect("connect");
    let mut hold = holder.begin().await.expect("begin");
    sqlx::query("LOCK TABLE placements IN ACCESS EXCLUSIVE MODE").execute(&mut *hold).await.expect("hold the push's first page");
    let started = staff_a.push(&json!({"region": "610902001"})).await;
    assert_eq!(started.status(), StatusCode::ACCEPTED);
    let job: PushJob = started.json().await.expect("job");

    let refused = staff_b.push(&json!({})).await;

    let status = refused.status();
    let error = body(refused).await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert_eq!(error["error"]["code"], json!("push_running"));
    assert!(error["error"]["message"].as_str().expect("message").contains(&format!("push job {} ", job.id)), "{error}");
    let seen = push_job(staff_b, job.id).await;
    assert_eq!((seen.state, seen.people_done), (PushState::Running, 0), "node B sees node A's job running");
    hold.rollback().await.expect("release");
    let done = finished(staff_b, job.id).await;
    assert_eq!(done.summary, PushSummary { people: 1, people_reached: 1, items: 1, sms_queued: 1, already_pushed: 0, skipped: 0 });
    let again = staff_b.push(&json!({})).await;
    assert_eq!(again.status(), StatusCode::ACCEPTED, "node B pushes once node A's job has ended");
    let again: PushJob = again.json().await.expect("job");
    let summary = finished(staff_b, again.id).await.summary;
    assert_eq!((summary.items, summary.already_pushed), (0, 1), "node B knows what node A pushed to person {person}");
}

async fn push_job(client: &Client, id: i64) -> PushJob {
    let res = client.get(&format!("/api/v1/push/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("job")
}

/// Polls a push job until it is no longer running (ten seconds at most); it must have finished.
async fn finished(client: &Client, id: i64) -> PushJob {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let job = push_job(client, id).await;
        if job.state != PushState::Running {
            assert_eq!(job.state, PushState::Finished, "{job:?}");
            return job;
        }
        assert!(Instant::now() < deadline, "push job {id} still running: {job:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn a_logout_on_one_node_ends_the_session_on_both(staff_a: &Client, staff_b: &Client) {
    let res = staff_b.post_json("/api/v1/auth/logout", &json!({})).await;

    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(me(staff_a).await.is_none(), "node A forgets the session node B ended");
}
