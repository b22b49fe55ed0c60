//! SMS delivery through a gateway that fails, times out and refuses: every
//! message reaches its phone once (one idempotency key per message, the
//! same on every attempt), nothing is lost, attempts and backoff are
//! recorded, a message fails after its last attempt, and two workers
//! draining at once never send one message twice.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use doorstep_server::sms::Drained;
use doorstep_server::storage::{claim_sms, finish_sms, SmsClaim, SmsOutcome};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::TestApp;
use crate::sms_support::{outbox, today_at, world, Answer, FakeGateway, LINK_BASE};

backend_tests!(
    a_failing_and_slow_gateway_delivers_every_message_once_and_loses_none,
    a_gateway_that_keeps_failing_gets_the_last_attempt_then_the_message_fails,
    a_refused_message_fails_at_once,
    a_wrong_secret_is_retried_until_fixed_not_refused,
    two_workers_draining_at_once_never_send_a_message_twice,
    a_message_a_dead_node_claimed_goes_out_once_its_claim_lapses,
    the_served_worker_drains_the_outbox_by_itself,
);

async fn ask_codes(app: &TestApp, phones: &[&str]) {
    let client = app.anonymous();
    for phone in phones {
        assert_eq!(client.ask_registration_code(phone).await.status(), StatusCode::ACCEPTED);
    }
}

async fn a_failing_and_slow_gateway_delivers_every_message_once_and_loses_none(app: TestApp) {
    let w = world(&app).await;
    w.person("王秀英", 1, "13800000001").await;
    w.person("李桂兰", 2, "13800000002").await;
    w.person("张玉梅", 3, "13800000003").await;
    let job = w.push(&app).await;
    ask_codes(&app, &["13900000009"]).await;
    // Two failures, a timeout (the gateway takes it but answers too late), then all well.
    let gateway = FakeGateway::start(&[Answer::Fail, Answer::Fail, Answer::Slow], Answer::Ok).await;
    let worker = gateway.worker(&app, &gateway.settings(5));
    let t0 = today_at(10);

    let first = worker.drain_once(t0).await.expect("drained");

    assert_eq!(first, Drained { claimed: 4, sent: 1, retried: 3, ..Drained::default() });
    let rows = outbox(&app).await;
    let waiting: Vec<_> = rows.iter().filter(|r| r.status == "queued").collect();
    assert_eq!(waiting.len(), 3);
    for r in &waiting {
        assert_eq!((r.attempts, r.next_attempt_at), (1, t0 + 30), "first retry after 30 s: {r:?}");
        let error = r.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("http 500") || error.contains("timed out"), "{error}");
    }
    assert_eq!(worker.drain_once(t0 + 29).await.expect("drained").claimed, 0, "nothing is due before its backoff ends");

    let second = worker.drain_once(t0 + 30).await.expect("drained");

    assert_eq!(second, Drained { claimed: 3, sent: 3, ..Drained::default() });
    assert_eq!(worker.drain_once(t0 + 3_600).await.expect("drained").claimed, 0, "nothing left");
    let rows = outbox(&app).await;
    assert!(rows.iter().all(|r| r.status == "sent" && r.reason.is_none()), "{rows:?}");
    let attempts: Vec<i64> = rows.iter().map(|r| r.attempts).collect();
    assert_eq!(attempts.iter().sum::<i64>(), 7, "one attempt for the message that went at once, two for each other: {attempts:?}");
    // Every message reached its phone once, under its own key, and the retry
    // after the timeout reused the key, so the gateway did not send it again.
    let delivered = gateway.delivered();
    let expected: HashMap<String, String> = rows.iter().map(|r| (r.idempotency_key.clone(), r.phone.clone())).collect();
    assert_eq!(delivered, expected);
    assert_eq!(gateway.duplicates(), 1);
    let requests = gateway.requests();
    assert_eq!(requests.len(), 7);
    let answered = |a: Answer| requests.iter().filter(|r| r.answer == a).count();
    assert_eq!((answered(Answer::Fail), answered(Answer::Slow), answered(Answer::Ok)), (2, 1, 4));
    let mut bodies: HashMap<&str, HashSet<String>> = HashMap::new();
    for r in &requests {
        bodies.entry(&r.key).or_default().insert(r.body.to_string());
    }
    assert!(bodies.values().all(|b| b.len() == 1), "a retry sends the very same body");
    // The push template: the posting's title, place and a link to it.
    let push = requests.iter().find(|r| r.body["template"] == json!("push")).expect("a push sms");
    assert_eq!((push.body["params"]["title"].as_str(), push.body["params"]["place"].as_str()), (Some("缝纫工"), Some("老城街道")));
    let link = push.body["params"]["link"].as_str().expect("link");
    assert!(link.starts_with(&format!("{LINK_BASE}/postings/")), "{link}");
    assert!(push.body["text"].as_str().is_some_and(|t| t.contains("缝纫工(老城街道)")));
    let code = requests.iter().find(|r| r.body["template"] == json!("sign_up")).expect("a sign-up sms");
    assert!(code.body.get("params").is_none() && code.body["phone"] == json!("13900000009"));
    let tally: serde_json::Value = w.staff.get(&format!("/api/v1/push/{job}/sms")).await.json().await.expect("tally");
    assert_eq!(tally, json!({"push_job_id": job, "queued": 0, "held": 0, "sending": 0, "sent": 3, "failed": 0, "skipped": 0}));
}

async fn a_gateway_that_keeps_failing_gets_the_last_attempt_then_the_message_fails(app: TestApp) {
    ask_codes(&app, &["13900000001"]).await;
    let gateway = FakeGateway::start(&[], Answer::Fail).await;
    let worker = gateway.worker(&app, &gateway.settings(3));
    let t0 = today_at(10);

    let mut dues = Vec::new();
    let mut now = t0;
    for _ in 0..3 {
        let drained = worker.drain_once(now).await.expect("drained");
        assert_eq!(drained.claimed, 1);
        let row = outbox(&app).await.remove(0);
        dues.push((row.status.clone(), row.attempts, row.next_attempt_at - now));
        now = row.next_attempt_at;
    }

    assert_eq!(dues[..2], [("queued".to_string(), 1, 30), ("queued".to_string(), 2, 60)], "backoff doubles");
    let row = outbox(&app).await.remove(0);
    assert_eq!((row.status.as_str(), row.reason.as_deref(), row.attempts), ("failed", Some("attempts_exhausted"), 3));
    assert!(row.last_error.is_some_and(|e| e.contains("carrier unavailable")));
    assert_eq!(worker.drain_once(now + 86_400).await.expect("drained").claimed, 0, "a failed message is not tried again");
    assert_eq!(gateway.requests().len(), 3);
    assert!(gateway.delivered().is_empty());
}

async fn a_refused_message_fails_at_once(app: TestApp) {
    ask_codes(&app, &["13900000002"]).await;
    let gateway = FakeGateway::start(&[], Answer::Refuse).await;
    let worker = gateway.worker(&app, &gateway.settings(5));

    let drained = worker.drain_once(today_at(10)).await.expect("drained");

    assert_eq!(drained, Drained { claimed: 1, failed: 1, ..Drained::default() });
    let row = outbox(&app).await.remove(0);
    assert_eq!((row.status.as_str(), row.reason.as_deref(), row.attempts), ("failed", Some("rejected"), 1));
    assert!(row.last_error.is_some_and(|e| e.contains("http 400")));
}

async fn a_wrong_secret_is_retried_until_fixed_not_refused(app: TestApp) {
    ask_codes(&app, &["13900000004"]).await;
    let gateway = FakeGateway::start(&[], Answer::Ok).await;
    let mut settings = gateway.settings(5);
    settings.secret = Some("a-secret-the-gateway-does-not-know".to_string().into());
    let t0 = today_at(10);

    let wrong = gateway.worker(&app, &settings).drain_once(t0).await.expect("drained");
    let fixed = gateway.worker(&app, &gateway.settings(5)).drain_once(t0 + 30).await.expect("drained");

    assert_eq!((wrong.retried, fixed.sent), (1, 1), "the gateway's 401 is a configuration to fix, not a message to drop");
    let row = outbox(&app).await.remove(0);
    assert_eq!((row.status.as_str(), row.attempts, row.last_error.as_deref().is_some_and(|e| e.contains("http 401"))), ("sent", 2, true));
    assert_eq!(gateway.delivered().len(), 1);
}

async fn two_workers_draining_at_once_never_send_a_message_twice(app: TestApp) {
    let phones: Vec<String> = (0..30).map(|i| format!("139000001{i:02}")).collect();
    ask_codes(&app, &phones.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let gateway = FakeGateway::start(&[], Answer::Ok).await;
    let mut settings = gateway.settings(5);
    settings.batch = 4;
    let (a, b) = (gateway.worker(&app, &settings), gateway.worker(&app, &settings));
    let now = today_at(10);

    let mut claimed = 0;
    loop {
        let (x, y) = tokio::join!(a.drain_once(now), b.drain_once(now));
        let (x, y) = (x.expect("a drained"), y.expect("b drained"));
        if x.claimed + y.claimed == 0 {
            break;
        }
        claimed += x.claimed + y.claimed;
    }

    assert_eq!(claimed, 30, "each message claimed once");
    let requests = gateway.requests();
    let keys: HashSet<&str> = requests.iter().map(|r| r.key.as_str()).collect();
    assert_eq!((requests.len(), keys.len(), gateway.duplicates()), (30, 30, 0), "one request per message");
    assert!(outbox(&app).await.iter().all(|r| r.status == "sent" && r.attempts == 1));
}

async fn a_message_a_dead_node_claimed_goes_out_once_its_claim_lapses(app: TestApp) {
    ask_codes(&app, &["13900000005"]).await;
    let t0 = today_at(10);
    // A node claims the message, then dies before it records anything.
    let claim = SmsClaim { owner: "a-node-that-died", now: t0, lease_until: t0 + 60, limit: 10, push_allowed: true };
    let dead = claim_sms(app.db(), &claim).await.expect("claimed");
    assert_eq!(dead.len(), 1);
    let gateway = FakeGateway::start(&[], Answer::Ok).await;
    let worker = gateway.worker(&app, &gateway.settings(5));

    let during = worker.drain_once(t0 + 59).await.expect("drained");
    let after = worker.drain_once(t0 + 60).await.expect("drained");

    assert_eq!((during.claimed, after.sent), (0, 1), "another node takes it over once the claim lapses, not before");
    let row = outbox(&app).await.remove(0);
    assert_eq!((row.status.as_str(), row.attempts, &row.idempotency_key), ("sent", 2, &dead[0].idempotency_key), "under the same key");
    let late = finish_sms(app.db(), row.id, "a-node-that-died", t0 + 61, SmsOutcome::Retry { due: t0 + 90, error: "late" }).await.expect("recorded");
    assert!(!late, "a node whose claim lapsed records nothing");
    assert_eq!(outbox(&app).await[0].status, "sent");
}

async fn the_served_worker_drains_the_outbox_by_itself(app: TestApp) {
    let mut settings = app.settings.sms.clone();
    settings.poll_ms = 20;
    app.state.spawn_sms_worker(&settings).expect("worker spawned");

    ask_codes(&app, &["13900000003"]).await;

    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let rows = outbox(&app).await;
        if rows.iter().all(|r| r.status == "sent") {
            assert_eq!(rows.len(), 1);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the logging gateway's worker never sent: {rows:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
