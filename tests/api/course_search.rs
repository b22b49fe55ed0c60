//! Searching course sessions (`GET /api/v1/training-sessions`): words, skill,
//! place, timetable, dates and distance over the course-session index, which
//! follows the change feed and is rebuilt at start like the posting index.

use doorstep_server::startup::load_state;
use doorstep_server::storage::{append_change, last_change};
use reqwest::StatusCode;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{body, days_from_today, TestApp};
use crate::training_support::{insert_course, insert_session, CourseFixture, SessionFixture};

backend_tests!(
    words_find_sessions_by_jieba_word_one_character_and_skill_synonym,
    sessions_are_filtered_by_county_period_weekday_and_start_dates,
    past_sessions_are_left_out_and_full_ones_only_on_request,
    an_unpublished_course_leaves_and_a_renamed_course_is_found_by_its_new_title,
    a_point_orders_sessions_nearest_first_and_a_radius_keeps_the_near_ones,
    a_missing_or_corrupt_course_index_is_rebuilt_at_start,
);

/// A published course with one open daytime Monday/Wednesday session
/// starting in `starts_in` days; returns (course id, session id).
async fn course_with_session(app: &TestApp, title: &str, region: &str, skills: &[&str], starts_in: i64) -> (i64, i64) {
    let course_id = insert_course(app, &CourseFixture { title, region, skills, categories: &[] }).await;
    let session = SessionFixture { course_id, region, starts_in, ends_in: starts_in + 20, capacity: 10, days: "mon,wed", period: "daytime" };
    (course_id, insert_session(app, &session).await)
}

/// The three courses most tests search among: sewing in Hanbin, tea in
/// Ziyang (about 50 km away), electricians in Zhenping (about 100 km away).
async fn three_courses(app: &TestApp) -> [(i64, i64); 3] {
    // The fixture's rows name their author: the first user.
    app.admin().await;
    let sewing = course_with_session(app, "缝纫工培训班", "610902", &["sewing"], 10).await;
    let tea = course_with_session(app, "紫阳茶叶加工", "610924", &["tea_processing"], 12).await;
    let electric = course_with_session(app, "电工上岗证", "610927", &["electrician"], 14).await;
    app.wait_indexed().await;
    [sewing, tea, electric]
}

async fn search(app: &TestApp, query: &str) -> Value {
    let res = app.anonymous().get(&format!("/api/v1/training-sessions?{query}")).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    body(res).await
}

/// The session ids found, in order.
async fn found(app: &TestApp, query: &str) -> Vec<i64> {
    let page = search(app, query).await;
    page["items"].as_array().expect("items").iter().map(|i| i["session_id"].as_i64().expect("session id")).collect()
}

/// Writes raw SQL to a session or course and appends its change, as a writer would.
async fn change(app: &TestApp, sql: &str, entity: &str, id: i64) {
    let mut tx = app.db().pool().begin().await.expect("begin");
    sqlx::query(sql).bind(id).execute(&mut *tx).await.expect("update");
    append_change(&mut tx, app.db().backend(), entity, id).await.expect("feed");
    tx.commit().await.expect("commit");
    app.wait_indexed().await;
}

async fn words_find_sessions_by_jieba_word_one_character_and_skill_synonym(app: TestApp) {
    let [(_, sewing), (_, tea), (_, electric)] = three_courses(&app).await;

    assert_eq!(found(&app, "q=缝纫").await, vec![sewing], "a jieba word");
    assert_eq!(found(&app, "q=茶").await, vec![tea], "a one-character word inside 茶叶");
    assert_eq!(found(&app, "q=做衣服").await, vec![sewing], "a synonym of the course's skill");
    assert_eq!(found(&app, "skill=做衣服").await, vec![sewing], "a skill filter by word");
    assert_eq!(found(&app, "skill=electrician").await, vec![electric], "a skill filter by code");
    let page = search(&app, "q=电工").await;
    assert_eq!(page["total"], 1);
    let item = &page["items"][0];
    assert_eq!((item["title"].as_str(), item["provider"].as_str()), (Some("电工上岗证"), Some("安康市职业技能培训学校")));
    assert_eq!((item["free_places"].as_i64(), item["period"].as_str()), (Some(10), Some("daytime")));
    assert!(item["region_name"].as_str().is_some_and(|n| n.contains("镇坪")), "{item}");
    assert!(item["distance_km"].is_null(), "no point, no distance");
    assert_eq!(found(&app, "").await.len(), 3, "no words: every upcoming session");
}

async fn sessions_are_filtered_by_county_period_weekday_and_start_dates(app: TestApp) {
    let [(sewing_course, sewing), (_, tea), (_, electric)] = three_courses(&app).await;
    let evening = SessionFixture { course_id: sewing_course, region: "610902001", starts_in: 30, ends_in: 40, capacity: 5, days: "sat,sun", period: "evening" };
    let evening = insert_session(&app, &evening).await;
    app.wait_indexed().await;

    let mut hanbin = found(&app, "region=610902").await;
    hanbin.sort_unstable();
    assert_eq!(hanbin, vec![sewing, evening], "a county holds its towns' sessions");
    assert_eq!(found(&app, "region=610902001000").await, vec![evening], "a town in its 12-digit form");
    assert_eq!(found(&app, "region=610924").await, vec![tea]);
    assert_eq!(found(&app, "period=evening").await, vec![evening]);
    assert_eq!(found(&app, "day=sat").await, vec![evening]);
    assert_eq!(found(&app, "day=mon&period=daytime").await, vec![sewing, tea, electric], "soonest first without words");
    let (from, to) = (days_from_today(11), days_from_today(14));
    assert_eq!(found(&app, &format!("from={from}&to={to}")).await, vec![tea, electric], "start dates inside the range");
    let bad = app.anonymous().get("/api/v1/training-sessions?region=999999").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body(bad).await["error"]["fields"][0], "region");
}

async fn past_sessions_are_left_out_and_full_ones_only_on_request(app: TestApp) {
    app.admin().await;
    let (course_id, upcoming) = course_with_session(&app, "缝纫工培训班", "610902", &["sewing"], 10).await;
    let past = SessionFixture { course_id, region: "610902", starts_in: -5, ends_in: 10, capacity: 10, days: "mon", period: "daytime" };
    insert_session(&app, &past).await;
    let today = SessionFixture { course_id, region: "610902", starts_in: 0, ends_in: 10, capacity: 10, days: "mon", period: "daytime" };
    insert_session(&app, &today).await;
    let (_, full) = course_with_session(&app, "缝纫进阶班", "610902", &["sewing"], 20).await;
    app.wait_indexed().await;
    assert_eq!(found(&app, "q=缝纫").await.len(), 2, "the past and today's sessions are not offered");

    change(&app, "UPDATE course_sessions SET enrolled = capacity, status = 'full' WHERE id = $1", "course_session", full).await;

    assert_eq!(found(&app, "q=缝纫").await, vec![upcoming], "a full session is left out");
    let page = search(&app, "q=缝纫&include_full=true").await;
    let items = page["items"].as_array().expect("items");
    let mut ids: Vec<i64> = items.iter().map(|i| i["session_id"].as_i64().expect("id")).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![upcoming, full], "with include_full, the full one too");
    let full_item = items.iter().find(|i| i["session_id"] == full).expect("full session listed");
    assert_eq!(full_item["free_places"], 0, "it offers a waitlist");
}

async fn an_unpublished_course_leaves_and_a_renamed_course_is_found_by_its_new_title(app: TestApp) {
    let [(sewing_course, sewing), (tea_course, tea), _] = three_courses(&app).await;
    let second = SessionFixture { course_id: tea_course, region: "610924", starts_in: 40, ends_in: 50, capacity: 8, days: "tue", period: "evening" };
    let second = insert_session(&app, &second).await;
    app.wait_indexed().await;
    assert_eq!(found(&app, "q=茶叶").await, vec![tea, second]);

    change(&app, "UPDATE courses SET status = 'draft' WHERE id = $1", "course", tea_course).await;
    assert!(found(&app, "q=茶叶").await.is_empty(), "sessions of a draft course are not offered");
    assert_eq!(app.state.courses.num_docs(), 2);

    change(&app, "UPDATE courses SET title = '服装制作与裁剪' WHERE id = $1", "course", sewing_course).await;
    assert_eq!(found(&app, "q=裁剪").await, vec![sewing], "found by the new title");
    assert_eq!(search(&app, "q=裁剪").await["items"][0]["title"], "服装制作与裁剪");
}

async fn a_point_orders_sessions_nearest_first_and_a_radius_keeps_the_near_ones(app: TestApp) {
    let [(_, sewing), (_, tea), (_, electric)] = three_courses(&app).await;
    let at_hanbin = "lat=32.70&lon=109.02";

    let page = search(&app, at_hanbin).await;
    let ids: Vec<i64> = page["items"].as_array().expect("items").iter().map(|i| i["session_id"].as_i64().expect("id")).collect();
    assert_eq!(ids, vec![sewing, tea, electric], "nearest first");
    let km: Vec<f64> = page["items"].as_array().expect("items").iter().map(|i| i["distance_km"].as_f64().expect("distance")).collect();
    assert!(km[0] < 5.0 && km[1] > 30.0 && km[2] > km[1], "{km:?}");

    assert_eq!(found(&app, &format!("{at_hanbin}&km=30")).await, vec![sewing]);
    assert_eq!(found(&app, &format!("{at_hanbin}&km=80")).await, vec![sewing, tea]);
    let without_point = app.anonymous().get("/api/v1/training-sessions?km=10").await;
    assert_eq!(without_point.status(), StatusCode::BAD_REQUEST);
    assert_eq!(body(without_point).await["error"]["fields"][0], "km");
}

async fn a_missing_or_corrupt_course_index_is_rebuilt_at_start(app: TestApp) {
    three_courses(&app).await;
    assert_eq!(app.state.courses.num_docs(), 3);
    let elsewhere = tempfile::tempdir().expect("dir");
    let mut settings = app.settings.clone();
    settings.data_dir = elsewhere.path().to_path_buf();

    let rebuilt = load_state(&settings, app.db().clone()).await.expect("state");

    assert_eq!(rebuilt.courses.num_docs(), 3, "missing index rebuilt");
    assert_eq!(rebuilt.courses.cursor(), last_change(app.db()).await.expect("feed"));
    drop(rebuilt);
    let meta = settings.course_index_dir().join("meta.json");
    std::fs::write(&meta, b"{ not json").expect("corrupt");
    let repaired = load_state(&settings, app.db().clone()).await.expect("state despite corruption");
    assert_eq!(repaired.courses.num_docs(), 3, "corrupt index rebuilt");
}
