//! Who gets an SMS when: push SMS wait through quiet hours (sign-up codes do
//! not), a person gets at most the daily cap (the rest wait for the next
//! day), and a person who opted out (staff, their own profile, or a "TD"
//! reply through the signed gateway callback) gets none; staff see delivery
//! per person and per push, inside their jurisdiction only.

use doorstep_shared::api::{ErrorCode, PersonResponse, SmsKind, SmsPage, SmsReason, SmsReplyResponse, SmsStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, spawn_app, Backend, TestApp, TestOptions};
use crate::sms_support::{outbox, sign, today_at, world, Answer, FakeGateway, SECRET};

backend_tests!(
    push_sms_wait_through_quiet_hours_and_sign_up_codes_do_not,
    the_daily_cap_holds_the_rest_until_the_next_day,
    staff_see_delivery_per_person_and_per_push_within_their_jurisdiction,
);

async fn push_sms_wait_through_quiet_hours_and_sign_up_codes_do_not(app: TestApp) {
    let w = world(&app).await;
    w.person("王秀英", 1, "13800000001").await;
    w.push(&app).await;
    assert_eq!(app.anonymous().ask_registration_code("13900000009").await.status(), StatusCode::ACCEPTED);
    let gateway = FakeGateway::start(&[], Answer::Ok).await;
    let worker = gateway.worker(&app, &gateway.settings(5));

    let night = worker.drain_once(today_at(23)).await.expect("drained");
    let dawn = worker.drain_once(today_at(24 + 7) + 59 * 60).await.expect("drained");

    assert_eq!((night.claimed, night.sent, dawn.claimed), (1, 1, 0), "only the sign-up code goes at night");
    let rows = outbox(&app).await;
    let kinds: Vec<(&str, &str)> = rows.iter().map(|r| (r.kind.as_str(), r.status.as_str())).collect();
    assert_eq!(kinds, vec![("push", "queued"), ("sign_up", "sent")]);

    let morning = worker.drain_once(today_at(24 + 8)).await.expect("drained");

    assert_eq!((morning.claimed, morning.sent), (1, 1), "the push SMS goes at eight, not dropped");
    assert!(outbox(&app).await.iter().all(|r| r.status == "sent"));
}

async fn the_daily_cap_holds_the_rest_until_the_next_day(app: TestApp) {
    let w = world(&app).await;
    let person = w.person("王秀英", 1, "13800000001").await;
    let first = w.push(&app).await;
    w.another_posting(&app, "包装工").await;
    let second = w.push(&app).await;
    let gateway = FakeGateway::start(&[], Answer::Ok).await;
    let mut settings = gateway.settings(5);
    settings.daily_cap = 1;
    let worker = gateway.worker(&app, &settings);
    let ten = today_at(10);

    let drained = worker.drain_once(ten).await.expect("drained");

    assert_eq!((drained.sent, drained.held), (1, 1));
    let rows = outbox(&app).await;
    assert_eq!(rows[0].status, "sent");
    let tomorrow = today_at(24);
    assert_eq!((rows[1].status.as_str(), rows[1].reason.as_deref(), rows[1].attempts, rows[1].next_attempt_at), ("queued", Some("daily_cap"), 0, tomorrow));
    let tally: Value = w.staff.get(&format!("/api/v1/push/{second}/sms")).await.json().await.expect("tally");
    assert_eq!((tally["held"].as_u64(), tally["sent"].as_u64()), (Some(1), Some(0)));
    let tally: Value = w.staff.get(&format!("/api/v1/push/{first}/sms")).await.json().await.expect("tally");
    assert_eq!(tally["sent"].as_u64(), Some(1));
    assert_eq!(worker.drain_once(ten + 3_600).await.expect("drained").claimed, 0, "held for the rest of the day");
    let page: SmsPage = w.staff.get(&format!("/api/v1/people/{person}/sms")).await.json().await.expect("page");
    assert_eq!(page.items[0].reason, Some(SmsReason::DailyCap));
    assert_eq!(page.items[0].next_attempt_at, Some(tomorrow));

    let next_day = worker.drain_once(today_at(24 + 9)).await.expect("drained");

    assert_eq!((next_day.sent, next_day.held), (1, 0), "a new day, a new allowance");
    let rows = outbox(&app).await;
    assert!(rows.iter().all(|r| r.status == "sent" && r.reason.is_none()), "{rows:?}");
    assert_eq!(gateway.delivered().len(), 2);
}

/// The app with the gateway's secret, so that it takes reply callbacks.
async fn app_taking_replies(backend: Backend) -> Option<TestApp> {
    spawn_app(backend, TestOptions { adjust: |s| s.sms.secret = Some(SECRET.to_string().into()), ..TestOptions::default() }).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opted_out_people_get_no_push_sms_on_sqlite() {
    let app = app_taking_replies(Backend::Sqlite).await.expect("sqlite");
    opted_out_people_get_no_push_sms(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opted_out_people_get_no_push_sms_on_postgres() {
    match app_taking_replies(Backend::Postgres).await {
        Some(app) => opted_out_people_get_no_push_sms(app).await,
        None => eprintln!("DOORSTEP_TEST_POSTGRES_URL is not set: postgres variant not run"),
    }
}

/// POSTs a reply callback, signed with `secret` (none: unsigned).
async fn reply(app: &TestApp, body: &str, signature: Option<String>) -> reqwest::Response {
    let mut req = app.anonymous().http.post(format!("{}/api/v1/sms/replies", app.address)).header("content-type", "application/json").body(body.to_string());
    if let Some(s) = signature {
        req = req.header("x-doorstep-signature", s);
    }
    req.send().await.expect("sent")
}

async fn opted_out_people_get_no_push_sms(app: TestApp) {
    let w = world(&app).await;
    let by_staff = w.person("王秀英", 1, "13800000001").await;
    let by_self = w.person("李桂兰", 2, "13800000002").await;
    let by_reply = w.person("张玉梅", 3, "13800000003").await;
    let kept = w.person("赵春花", 4, "13800000004").await;
    // Staff set it on the person.
    let res = w.staff.patch_json(&format!("/api/v1/people/{by_staff}"), &json!({"sms_opt_out": true})).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.json::<PersonResponse>().await.expect("person").sms_opt_out);
    // The seeker ticks "no SMS" in their profile.
    let seeker = app.seeker_of("13800000002", by_self).await;
    let profile = json!({"name": "李桂兰", "gender": "female", "birth_year": 1980, "home_region": "610902001",
                         "skills": ["做衣服"], "consent_to_share": true, "sms_opt_out": true});
    let res = seeker.put_json("/api/v1/me/profile", &profile).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.json::<PersonResponse>().await.expect("profile").sms_opt_out);
    // The third replies "TD" to an SMS: the gateway calls back, signed.
    let td = r#"{"phone": "13800000003", "text": "TD"}"#;
    let res = reply(&app, td, Some(sign(td.as_bytes()))).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<SmsReplyResponse>().await.expect("reply"), SmsReplyResponse { opt_out: true, people: 1 });
    let thanks = r#"{"phone": "13800000004", "text": "谢谢"}"#;
    let res = reply(&app, thanks, Some(sign(thanks.as_bytes()))).await;
    assert_eq!(res.json::<SmsReplyResponse>().await.expect("reply"), SmsReplyResponse { opt_out: false, people: 0 });
    // Forged, unsigned or malformed callbacks change nothing.
    assert_error(reply(&app, thanks.replace("谢谢", "TD").as_str(), Some(sign(thanks.as_bytes()))).await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated)
        .await;
    assert_error(reply(&app, td, None).await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated).await;
    let bad_phone = r#"{"phone": "12", "text": "TD"}"#;
    let fields =
        assert_error(reply(&app, bad_phone, Some(sign(bad_phone.as_bytes()))).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, vec!["phone"]);
    let no_text = r#"{"phone": "13800000004"}"#;
    assert_error(reply(&app, no_text, Some(sign(no_text.as_bytes()))).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await;

    w.push(&app).await;
    assert_eq!(app.anonymous().ask_registration_code("13800000003").await.status(), StatusCode::ACCEPTED);
    let gateway = FakeGateway::start(&[], Answer::Ok).await;
    let drained = gateway.worker(&app, &gateway.settings(5)).drain_once(today_at(10)).await.expect("drained");

    assert_eq!((drained.claimed, drained.skipped, drained.sent), (5, 3, 2), "a sign-up code goes even to a phone that opted out");
    let phones: Vec<String> = gateway.delivered().into_values().collect();
    assert!(phones.contains(&"13800000004".to_string()) && phones.contains(&"13800000003".to_string()), "{phones:?}");
    for person in [by_staff, by_self, by_reply] {
        let page: SmsPage = w.staff.get(&format!("/api/v1/people/{person}/sms")).await.json().await.expect("page");
        assert_eq!((page.items[0].status, page.items[0].reason, page.items[0].attempts), (SmsStatus::Skipped, Some(SmsReason::OptedOut), 0));
    }
    let page: SmsPage = w.staff.get(&format!("/api/v1/people/{kept}/sms")).await.json().await.expect("page");
    assert_eq!(page.items[0].status, SmsStatus::Sent);
    // Staff can turn SMS back on.
    let res = w.staff.patch_json(&format!("/api/v1/people/{by_reply}"), &json!({"sms_opt_out": false})).await;
    assert!(!res.json::<PersonResponse>().await.expect("person").sms_opt_out);
}

async fn staff_see_delivery_per_person_and_per_push_within_their_jurisdiction(app: TestApp) {
    let w = world(&app).await;
    let person = w.person("王秀英", 1, "13800000001").await;
    let job = w.push(&app).await;
    let gateway = FakeGateway::start(&[Answer::Fail], Answer::Ok).await;
    let worker = gateway.worker(&app, &gateway.settings(5));
    let t0 = today_at(10);
    worker.drain_once(t0).await.expect("drained");

    let page: SmsPage = w.staff.get(&format!("/api/v1/people/{person}/sms")).await.json().await.expect("page");

    assert_eq!((page.total, page.page, page.per_page, page.items.len()), (1, 1, 20, 1));
    let sms = &page.items[0];
    assert_eq!((sms.kind, sms.push_job_id, sms.status, sms.attempts), (SmsKind::Push, Some(job), SmsStatus::Queued, 1));
    assert_eq!((sms.next_attempt_at, sms.phone.as_str(), sms.sent_at), (Some(t0 + 30), "13800000001", None));
    assert!(sms.last_error.as_deref().is_some_and(|e| e.contains("500")) && sms.message.contains("缝纫工"));
    let tally: Value = w.staff.get(&format!("/api/v1/push/{job}/sms")).await.json().await.expect("tally");
    assert_eq!((tally["queued"].as_u64(), tally["sent"].as_u64()), (Some(1), Some(0)));

    worker.drain_once(t0 + 30).await.expect("drained");

    let page: SmsPage = w.staff.get(&format!("/api/v1/people/{person}/sms?page=1&per_page=5")).await.json().await.expect("page");
    assert_eq!((page.items[0].status, page.items[0].attempts, page.items[0].sent_at, page.items[0].next_attempt_at), (SmsStatus::Sent, 2, Some(t0 + 30), None));
    let town = app.staff("staff_town", "610902001").await;
    assert_eq!(town.get(&format!("/api/v1/people/{person}/sms")).await.status(), StatusCode::OK);
    let xunyang = app.staff("staff_xunyang", "610981").await;
    assert_error(xunyang.get(&format!("/api/v1/people/{person}/sms")).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(xunyang.get(&format!("/api/v1/push/{job}/sms")).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let seeker = app.seeker_of("13800000001", person).await;
    assert_error(seeker.get(&format!("/api/v1/people/{person}/sms")).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(app.anonymous().get(&format!("/api/v1/people/{person}/sms")).await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated).await;
    let fields =
        assert_error(w.staff.get(&format!("/api/v1/people/{person}/sms?per_page=0")).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;
    assert_eq!(fields, vec!["per_page"]);
    assert_error(w.staff.get("/api/v1/people/999999/sms").await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(w.staff.get("/api/v1/push/999999/sms").await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
}
