//! The push: a background job that fills inboxes and queues SMS for seeking
//! people, never the same posting twice, never one that breaks a person's
//! hard constraints, one job per region at a time; and the inbox.

use doorstep_shared::api::{ApplicationResponse, ErrorCode, InboxResponse, PushJob, PushJobPage, PushState, PushSummary};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, body, count_rows, days_from_today, id_number, person_json, posting_json, Client, TestApp};

backend_tests!(
    the_push_fills_inboxes_once_within_hard_constraints_and_queues_sms,
    top_k_bounds_each_run_and_the_next_run_brings_the_next_best,
    people_in_work_are_not_pushed_until_a_follow_up_says_they_left,
    bad_push_requests_are_refused,
    the_inbox_belongs_to_the_linked_seeker_only,
    the_push_sends_only_real_matches_never_the_other_jobs_nearby,
    a_push_answers_at_once_and_reports_its_progress_to_its_jurisdiction_only,
    a_push_overlapping_a_running_one_is_refused_with_its_own_code,
);

/// Hanbin staff, an employer in 老城街道, and postings there (and one far away).
struct World {
    admin: Client,
    staff: Client,
    employer_id: i64,
}

async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let staff = app.staff("staff_hanbin", "610902").await;
    World { admin, staff, employer_id }
}

/// Opens a posting with a title and changes to `posting_json`; returns its id.
async fn open(app: &TestApp, w: &World, title: &str, changes: serde_json::Value) -> i64 {
    let mut p = posting_json(w.employer_id);
    p["title"] = json!(title);
    for (k, v) in changes.as_object().expect("object") {
        p[k] = v.clone();
    }
    w.admin.open_posting(app, &p).await
}

/// Starts a push (202, `Location` of the job) and waits for the job to finish; its summary.
async fn push(client: &Client, request: serde_json::Value) -> PushSummary {
    let job = start(client, request).await;
    finished(client, job.id).await.summary
}

async fn start(client: &Client, request: serde_json::Value) -> PushJob {
    let res = client.push(&request).await;
    let status = res.status();
    let location = res.headers().get("location").map(|l| l.to_str().expect("ascii").to_string());
    let text = res.text().await.expect("body");
    assert_eq!(status, StatusCode::ACCEPTED, "{text}");
    let job: PushJob = serde_json::from_str(&text).expect("job");
    assert_eq!(location, Some(format!("/api/v1/push/{}", job.id)));
    job
}

/// Polls `GET /api/v1/push/{id}` until the job is no longer running (ten seconds at most).
async fn finished(client: &Client, id: i64) -> PushJob {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let res = client.get(&format!("/api/v1/push/{id}")).await;
        assert_eq!(res.status(), StatusCode::OK);
        let job: PushJob = res.json().await.expect("job");
        if job.state != PushState::Running {
            assert_eq!(job.state, PushState::Finished);
            assert!(job.finished_at.is_some_and(|f| f >= job.started_at));
            return job;
        }
        assert!(std::time::Instant::now() < deadline, "push job {id} still running: {job:?}");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

async fn pushed_to(app: &TestApp, person: i64) -> Vec<i64> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT posting_id FROM push_items WHERE person_id = $1 ORDER BY posting_id")
        .bind(person)
        .fetch_all(app.db().pool())
        .await
        .expect("push items");
    rows.into_iter().map(|(id,)| id).collect()
}

async fn the_push_fills_inboxes_once_within_hard_constraints_and_queues_sms(app: TestApp) {
    let w = world(&app).await;
    let sewing = open(&app, &w, "缝纫工", json!({})).await;
    let packing = open(&app, &w, "包装工", json!({"skills": ["sewing", "packaging"], "accessible": false})).await;
    open(&app, &w, "苏州电子厂普工", json!({"region_code": "3205", "skills": ["electronics_assembly"]})).await;
    let home = w.staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    let mut wheelchair = person_json("李残疾", &id_number("610902", 1981, 2));
    wheelchair["phone"] = json!("13900002222");
    wheelchair["preferences"]["needs_accessible"] = json!(true);
    let wheelchair = w.staff.register_person(&wheelchair).await;
    let mut xunyang = person_json("陈愿走", &id_number("610981", 1979, 3));
    xunyang["home_region"] = json!("610981100");
    xunyang["preferences"]["willing_to_relocate"] = json!(true);
    let xunyang = w.admin.register_person(&xunyang).await;

    let first = push(&w.staff, json!({"top_k": 5})).await;

    assert_eq!(first, PushSummary { people: 2, people_reached: 2, items: 3, sms_queued: 2, already_pushed: 0, skipped: 0 });
    assert_eq!(pushed_to(&app, home).await, vec![sewing, packing], "Suzhou is beyond a 30 km commute");
    assert_eq!(pushed_to(&app, wheelchair).await, vec![sewing], "never a workplace that is not accessible");
    assert!(pushed_to(&app, xunyang).await.is_empty(), "旬阳 is outside Hanbin staff's jurisdiction");
    let sms: Vec<(String, String, String)> =
        sqlx::query_as("SELECT phone, message, status FROM sms_outbox ORDER BY phone").fetch_all(app.db().pool()).await.expect("outbox");
    assert_eq!(sms.len(), 2);
    let (phone, message, status) = &sms[0];
    assert_eq!((phone.as_str(), status.as_str()), ("13800001234", "queued"));
    assert!(message.starts_with("【安康就业帮扶】为您推荐2个岗位："), "{message}");
    assert!(message.contains("缝纫工(老城街道)") && message.ends_with("回复TD退订"), "{message}");
    assert!(sms[1].1.contains("为您推荐1个岗位：缝纫工(老城街道)"), "{}", sms[1].1);

    let again = push(&w.staff, json!({"top_k": 5})).await;

    assert_eq!(again, PushSummary { people: 2, people_reached: 0, items: 0, sms_queued: 0, already_pushed: 3, skipped: 0 });
    assert_eq!((count_rows(&app, "push_items").await, count_rows(&app, "sms_outbox").await), (3, 2));
}

async fn the_push_sends_only_real_matches_never_the_other_jobs_nearby(app: TestApp) {
    let w = world(&app).await;
    let sewing = open(&app, &w, "缝纫工", json!({})).await;
    open(&app, &w, "包装工", json!({"skills": ["packaging"]})).await;
    let mut picker = person_json("张采茶", &id_number("610902", 1982, 4));
    picker["skills"] = json!(["tea_picking"]);
    let picker = w.staff.register_person(&picker).await;
    let seamstress = w.staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    // On screen the tea picker sees the nearby jobs, marked as other jobs.
    let on_screen: doorstep_shared::api::MatchResponse = w.staff.get(&format!("/api/v1/people/{picker}/matches")).await.json().await.expect("matches");
    assert!(!on_screen.matches.is_empty(), "the fill shows what else fits");
    assert!(on_screen.matches.iter().all(|m| m.fit == doorstep_shared::api::MatchFit::Other), "{:?}", on_screen.matches);

    push(&w.staff, json!({"top_k": 5})).await;

    assert!(pushed_to(&app, picker).await.is_empty(), "no posting needs tea picking: nothing to push");
    assert_eq!(pushed_to(&app, seamstress).await, vec![sewing], "only the posting that needs her skill");
}

async fn top_k_bounds_each_run_and_the_next_run_brings_the_next_best(app: TestApp) {
    let w = world(&app).await;
    let mut postings = Vec::new();
    for title in ["缝纫工", "包装工", "检验员"] {
        postings.push(open(&app, &w, title, json!({})).await);
    }
    let person = w.staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;

    let mut runs = Vec::new();
    for _ in 0..4 {
        let s = push(&w.staff, json!({"top_k": 1, "region": "610902001"})).await;
        runs.push((s.items, s.already_pushed));
    }

    assert_eq!(runs, vec![(1, 0), (1, 1), (1, 2), (0, 3)]);
    assert_eq!(pushed_to(&app, person).await, postings);
    assert_eq!(count_rows(&app, "sms_outbox").await, 3, "one SMS per run that found something new");
}

async fn people_in_work_are_not_pushed_until_a_follow_up_says_they_left(app: TestApp) {
    let w = world(&app).await;
    let posting = open(&app, &w, "缝纫工", json!({"headcount": 1})).await;
    let other = open(&app, &w, "包装工", json!({})).await;
    let person = w.staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    let application: ApplicationResponse = w.staff.apply(posting, Some(person)).await.json().await.expect("application");
    w.staff.move_application(application.id, &json!({"status": "interviewing"})).await;
    // Started forty days ago, so the one-month follow-up is due.
    let terms = json!({"status": "hired", "start_date": days_from_today(-40), "monthly_wage": 3200});
    let hired: ApplicationResponse = w.staff.move_application(application.id, &terms).await.json().await.expect("hired");
    let placement = hired.placement_id.expect("placement");
    app.wait_indexed().await;

    let while_working = push(&w.staff, json!({})).await;
    let res = w.staff.follow_up(placement, &json!({"month": 1, "still_employed": false, "note": "回家照顾老人"})).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let after_leaving = push(&w.staff, json!({})).await;

    assert_eq!((while_working.people, while_working.items), (0, 0));
    assert_eq!((after_leaving.people, after_leaving.items), (1, 1), "the filled posting is gone, the other remains");
    assert_eq!(pushed_to(&app, person).await, vec![other]);
}

async fn bad_push_requests_are_refused(app: TestApp) {
    let w = world(&app).await;
    let seeker = app.login_as("seeker", "13800000009", None, None).await;
    let employer = app.login_as("employer", "factory", None, Some(w.employer_id)).await;

    let cases = [
        (json!({"top_k": 0}), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["top_k"]),
        (json!({"top_k": 21}), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["top_k"]),
        (json!({"region": "99"}), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["region"]),
        (json!({"region": "610981"}), StatusCode::FORBIDDEN, ErrorCode::Forbidden, vec!["region"]),
        (json!({"top_k": "three"}), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec!["top_k"]),
    ];
    for (request, status, code, fields) in cases {
        let res = w.staff.push(&request).await;

        assert_eq!(assert_error(res, status, code).await, fields, "{request}");
    }
    for client in [&seeker, &employer] {
        assert_error(client.push(&json!({})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    }
    assert_eq!(app.anonymous().push(&json!({})).await.status(), StatusCode::UNAUTHORIZED);
}

async fn the_inbox_belongs_to_the_linked_seeker_only(app: TestApp) {
    let w = world(&app).await;
    let sewing = open(&app, &w, "缝纫工", json!({})).await;
    let packing = open(&app, &w, "包装工", json!({"skills": ["sewing", "packaging"], "accessible": false})).await;
    let home = w.staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    let mut wheelchair = person_json("李残疾", &id_number("610902", 1981, 2));
    wheelchair["preferences"]["needs_accessible"] = json!(true);
    let wheelchair = w.staff.register_person(&wheelchair).await;
    push(&w.staff, json!({"top_k": 1})).await;
    push(&w.staff, json!({"top_k": 1})).await;
    let seeker = app.seeker_of("13800001234", home).await;
    let other = app.seeker_of("13900002222", wheelchair).await;

    let mine: InboxResponse = seeker.get("/api/v1/me/inbox").await.json().await.expect("inbox");
    let theirs: InboxResponse = other.get("/api/v1/me/inbox").await.json().await.expect("inbox");

    let ids: Vec<i64> = mine.items.iter().map(|i| i.id).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    let mut postings: Vec<i64> = mine.items.iter().map(|i| i.posting_id).collect();
    postings.sort_unstable();
    assert_eq!(postings, vec![sewing, packing]);
    assert!(mine.items.iter().all(|i| !i.reasons.is_empty() && i.score > 0.0 && i.employer == "汉滨毛绒玩具社区工厂"));
    assert_eq!(theirs.items.iter().map(|i| i.posting_id).collect::<Vec<_>>(), vec![sewing]);
    let second: InboxResponse = seeker.get("/api/v1/me/inbox?per_page=1&page=2").await.json().await.expect("inbox");
    assert_eq!((mine.total, second.total, second.page, second.per_page), (2, 2, 2, 1), "the inbox pages with its total");
    assert_eq!(second.items.iter().map(|i| i.id).collect::<Vec<_>>(), vec![ids[1]]);
    let unlinked = app.login_as("seeker", "13800000009", None, None).await;
    assert_error(unlinked.get("/api/v1/me/inbox").await, StatusCode::CONFLICT, ErrorCode::ProfileMissing).await;
    for client in [&w.staff, &w.admin] {
        assert_error(client.get("/api/v1/me/inbox").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    }
    assert_eq!(app.anonymous().get("/api/v1/me/inbox").await.status(), StatusCode::UNAUTHORIZED);
    let me = body(seeker.get("/api/v1/me").await).await;
    assert_eq!(me["person_id"], json!(home));
}

async fn a_push_answers_at_once_and_reports_its_progress_to_its_jurisdiction_only(app: TestApp) {
    let w = world(&app).await;
    open(&app, &w, "缝纫工", json!({})).await;
    let mut people = Vec::new();
    for seq in 1..=3 {
        let mut p = person_json("王秀英", &id_number("610902", 1980, seq));
        p["phone"] = json!(format!("1380000{seq:04}"));
        people.push(w.staff.register_person(&p).await);
    }
    let xunyang_staff = app.staff("staff_xunyang", "610981").await;

    let started = start(&w.staff, json!({"region": "610902001", "top_k": 2})).await;
    let done = finished(&w.staff, started.id).await;

    assert_eq!((started.region.as_deref(), started.top_k, started.people_total), (Some("610902001"), 2, 3));
    assert_eq!((done.people_done, done.people_total), (3, 3));
    assert_eq!(done.summary, PushSummary { people: 3, people_reached: 3, items: 3, sms_queued: 3, already_pushed: 0, skipped: 0 });
    assert_eq!((count_rows(&app, "push_items").await, count_rows(&app, "sms_outbox").await), (3, 3), "counts equal the rows");
    let mine: PushJobPage = w.staff.get("/api/v1/push").await.json().await.expect("page");
    let all: PushJobPage = w.admin.get("/api/v1/push?per_page=1").await.json().await.expect("page");
    let theirs: PushJobPage = xunyang_staff.get("/api/v1/push").await.json().await.expect("page");
    assert_eq!((mine.total, mine.items.iter().map(|j| j.id).collect::<Vec<_>>()), (1, vec![started.id]));
    assert_eq!((all.total, all.items.len(), all.per_page), (1, 1, 1));
    assert_eq!((theirs.total, theirs.items.len()), (0, 0), "another county's staff see none of Hanbin's pushes");
    let path = format!("/api/v1/push/{}", started.id);
    assert_error(xunyang_staff.get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(w.staff.get("/api/v1/push/999999").await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_eq!(w.staff.get("/api/v1/push/abc").await.status(), StatusCode::BAD_REQUEST);
    assert_error(w.staff.get("/api/v1/push?per_page=0").await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;
    let seeker = app.login_as("seeker", "13800000009", None, None).await;
    assert_error(seeker.get(&path).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(app.anonymous().get(&path).await.status(), StatusCode::UNAUTHORIZED);
}

/// A job some other node runs (its lease far ahead), as the database holds it.
async fn running_elsewhere(app: &TestApp, region_prefix: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO push_jobs (region_prefix, top_k, state, lease_owner, lease_until, started_at) \
         VALUES ($1, 3, 'running', 'another-node', $2, $3) RETURNING id",
    )
    .bind(region_prefix)
    .bind(i64::MAX / 2)
    .bind(1_800_000_000_i64)
    .fetch_one(app.db().pool())
    .await
    .expect("running job");
    id
}

async fn a_push_overlapping_a_running_one_is_refused_with_its_own_code(app: TestApp) {
    let w = world(&app).await;
    let hanbin_job = running_elsewhere(&app, "610902").await;

    let cases = [
        (&w.staff, json!({}), "the same county"),
        (&w.staff, json!({"region": "610902001"}), "a town inside the running county"),
        (&w.admin, json!({"region": "6109"}), "the city containing it"),
        (&w.admin, json!({}), "everywhere"),
    ];
    for (client, request, case) in cases {
        let res = client.push(&request).await;
        let status = res.status();
        let error = body(res).await;
        assert_eq!(status, StatusCode::CONFLICT, "{case}: {error}");
        assert_eq!(error["error"]["code"], json!("push_running"), "{case}");
        assert!(error["error"]["message"].as_str().expect("message").contains(&format!("push job {hanbin_job} ")), "{case}: {error}");
    }
    let sibling = start(&w.admin, json!({"region": "610981"})).await;
    let xunyang = finished(&w.admin, sibling.id).await;
    assert_eq!(xunyang.region.as_deref(), Some("610981"), "a sibling county pushes beside it");
    let town_job = running_elsewhere(&app, "610981100").await;
    let res = w.admin.push(&json!({"region": "610981"})).await;
    let error = body(res).await;
    assert_eq!(error["error"]["code"], json!("push_running"), "a county while one of its towns runs: {error}");
    assert!(error["error"]["message"].as_str().expect("message").contains(&format!("push job {town_job} ")));
}
