//! Training suggestions: the upcoming course sessions whose skills would
//! open the most postings a person does not match today, counted by the
//! matching engine under the person's hard constraints.

use doorstep_shared::api::{ErrorCode, SuggestionReach, TrainingSuggestion, TrainingSuggestionList};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, id_number, person_json, posting_json, Client, TestApp};
use crate::training_support::{insert_course, insert_session, CourseFixture, SessionFixture};

backend_tests!(
    sessions_opening_the_most_postings_come_first,
    relocating_people_count_postings_beyond_the_commute,
    postings_are_counted_by_kilometres_when_both_points_are_real,
    staff_outside_the_jurisdiction_are_refused
);

/// A posting in `region` needing `skills` (words), opened and searchable.
async fn open(app: &TestApp, admin: &Client, employer: i64, title: &str, region: &str, skills: &[&str]) -> i64 {
    let mut posting = posting_json(employer);
    posting["title"] = json!(title);
    posting["region_code"] = json!(region);
    posting["skills"] = json!(skills);
    admin.open_posting(app, &posting).await
}

/// A course certifying `skills` for `categories`, with one session starting in `starts_in` days.
async fn session(app: &TestApp, title: &str, skills: &[&str], categories: &[&str], starts_in: i64) -> (i64, i64) {
    let course_id = insert_course(app, &CourseFixture { title, region: "610902", skills, categories }).await;
    let session_id = insert_session(
        app,
        &SessionFixture { course_id, region: "610902001", starts_in, ends_in: starts_in + 20, capacity: 20, days: "mon,wed,fri", period: "daytime" },
    )
    .await;
    (course_id, session_id)
}

/// A person at home in 老城街道 (a town: judged by relation, a 30 km commute
/// reaches the county) who can pick tea but neither sew nor cook.
fn tea_picker(seq: u16, willing_to_relocate: bool) -> Value {
    let mut person = person_json("李春梅", &id_number("610902", 1985, seq));
    person["skills"] = json!(["采茶"]);
    person["preferences"] = json!({"max_commute_km": 30, "willing_to_relocate": willing_to_relocate});
    person
}

/// Three sewing postings and one cooking posting nearby; one posting the
/// person matches already (it also wants tea picking); one sewing posting in
/// a neighbouring county, beyond a 30 km commute.
async fn seed(app: &TestApp, admin: &Client) -> i64 {
    let employer = app.employer_in(admin, "610902001").await;
    for title in ["缝纫工甲", "缝纫工乙", "缝纫工丙"] {
        open(app, admin, employer, title, "610902001", &["缝纫"]).await;
    }
    open(app, admin, employer, "食堂厨师", "610902001", &["厨师"]).await;
    open(app, admin, employer, "茶厂缝纫工", "610902001", &["缝纫", "采茶"]).await;
    open(app, admin, employer, "旬阳缝纫工", "610981100", &["缝纫"]).await
}

async fn suggestions(client: &Client, path: &str) -> Vec<TrainingSuggestion> {
    let res = client.get(path).await;
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json::<TrainingSuggestionList>().await.expect("suggestions").items
}

async fn sessions_opening_the_most_postings_come_first(app: TestApp) {
    let admin = app.admin().await;
    let far_sewing = seed(&app, &admin).await;
    let (sewing_course, sewing) = session(&app, "缝纫工培训", &["sewing"], &[], 10).await;
    let (_, cooking) = session(&app, "厨师培训", &["cooking"], &[], 5).await;
    session(&app, "缝纫速成（已开班）", &["sewing"], &[], -3).await;
    let (draft_course, _) = session(&app, "缝纫草稿", &["sewing"], &[], 8).await;
    sqlx::query("UPDATE courses SET status = 'draft' WHERE id = $1").bind(draft_course).execute(app.db().pool()).await.expect("draft");
    session(&app, "残疾人缝纫班", &["sewing"], &["disabled"], 7).await;
    session(&app, "采茶培训", &["tea_picking"], &[], 6).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.register_person(&tea_picker(1, false)).await;

    let got = suggestions(&staff, &format!("/api/v1/people/{person}/training-suggestions")).await;

    // Not the past session, the draft course, the course for disabled people, nor tea picking (known already).
    let sessions: Vec<i64> = got.iter().map(|s| s.session_id).collect();
    assert_eq!(sessions, vec![sewing, cooking], "{got:#?}");
    let first = &got[0];
    assert_eq!(first.course_id, sewing_course);
    // The posting wanting tea picking too is matched already; the one in 旬阳 is beyond the commute.
    assert_eq!(first.additional_postings, 3);
    // Three sewing postings equally near: the example is the first posted, whichever segment holds it.
    assert_eq!(first.example_posting.title, "缝纫工甲", "{first:?}");
    assert_ne!(first.example_posting.id, far_sewing);
    assert_eq!(first.reason.reach, SuggestionReach::WithinCommute);
    assert_eq!(first.reason.commute_km, 30);
    assert_eq!(first.reason.new_skills.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), vec!["sewing"]);
    assert_eq!(first.skills[0].name_zh, "缝纫");
    assert!(first.nearness.is_some() && first.distance_km.is_none(), "a town home is judged by relation: {first:?}");
    assert_eq!(got[1].additional_postings, 1);
    assert_eq!(got[1].example_posting.title, "食堂厨师");

    // The seeker linked to the person reads the same.
    let seeker = app.seeker_of("chunmei", person).await;
    assert_eq!(suggestions(&seeker, "/api/v1/me/training-suggestions").await, got);

    // Once the seeker holds a place in the sewing course, it is no longer suggested.
    let enrolled = seeker.post_json(&format!("/api/v1/training-sessions/{sewing}/enrolments"), &json!({})).await;
    assert_eq!(enrolled.status(), StatusCode::CREATED);
    let after: Vec<i64> = suggestions(&seeker, "/api/v1/me/training-suggestions").await.iter().map(|s| s.session_id).collect();
    assert_eq!(after, vec![cooking]);
}

async fn relocating_people_count_postings_beyond_the_commute(app: TestApp) {
    let admin = app.admin().await;
    seed(&app, &admin).await;
    let (_, sewing) = session(&app, "缝纫工培训", &["sewing"], &[], 10).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.register_person(&tea_picker(2, true)).await;

    let got = suggestions(&staff, &format!("/api/v1/people/{person}/training-suggestions")).await;

    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].session_id, sewing);
    assert_eq!(got[0].additional_postings, 4, "the posting in 旬阳 counts for someone willing to move");
    assert_eq!(got[0].reason.reach, SuggestionReach::Anywhere);
}

async fn postings_are_counted_by_kilometres_when_both_points_are_real(app: TestApp) {
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let home = (32.70, 109.00);
    // 11 km north; and 32 km away though inside the commute box (22 km north, 23 km east).
    for (title, lat, lon) in [("近处缝纫工", home.0 + 0.1, home.1), ("角上缝纫工", home.0 + 0.2, home.1 + 0.25)] {
        let mut posting = posting_json(employer);
        posting["title"] = json!(title);
        posting["lat"] = json!(lat);
        posting["lon"] = json!(lon);
        admin.open_posting(&app, &posting).await;
    }
    session(&app, "缝纫工培训", &["sewing"], &[], 10).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut person = tea_picker(4, false);
    person["home_lat"] = json!(home.0);
    person["home_lon"] = json!(home.1);
    let person = staff.register_person(&person).await;

    let got = suggestions(&staff, &format!("/api/v1/people/{person}/training-suggestions")).await;

    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].additional_postings, 1, "the corner of the box is beyond 30 km");
    assert_eq!(got[0].example_posting.title, "近处缝纫工");
}

async fn staff_outside_the_jurisdiction_are_refused(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let person = staff.register_person(&tea_picker(3, false)).await;

    let refused = xunyang.get(&format!("/api/v1/people/{person}/training-suggestions")).await;

    assert_error(refused, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    // A seeker without a record of their own has nothing to suggest from.
    let stranger = app.login_as("seeker", "no_record", None, None).await;
    assert_error(stranger.get("/api/v1/me/training-suggestions").await, StatusCode::CONFLICT, ErrorCode::ProfileMissing).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_routes_are_in_the_openapi_document() {
    let app = crate::helpers::spawn_app(crate::helpers::Backend::Sqlite, crate::helpers::TestOptions::default()).await.expect("app");

    let doc = crate::helpers::body(app.anonymous().get("/api/v1/openapi.json").await).await;

    for path in ["/api/v1/people/{id}/training-suggestions", "/api/v1/me/training-suggestions"] {
        assert!(doc["paths"][path]["get"].is_object(), "get {path} missing");
    }
    assert!(doc["components"]["schemas"].get("TrainingSuggestionList").is_some());
}
