//! Courses and their sessions: written by staff inside their jurisdiction,
//! moved through their lives, public once published; cancelling a session
//! cancels its enrolments and tells every person.

use doorstep_shared::api::{Course, CoursePage, CourseSession, CourseSessionPage, CourseStatus, ErrorCode, SessionStatus, Weekday};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, days_from_today, id_number, person_json, Client, TestApp};
use crate::training_support::insert_enrolment_row;
use crate::training_support::{insert_course, insert_session, CourseFixture, SessionFixture};

backend_tests!(
    staff_create_read_change_publish_and_archive_a_course,
    staff_write_courses_and_sessions_only_inside_their_jurisdiction,
    bad_courses_and_sessions_are_refused_field_by_field,
    sessions_are_added_changed_and_moved_through_their_life,
    cancelling_a_session_cancels_its_enrolments_and_tells_each_person,
    anonymous_callers_see_published_courses_and_their_sessions_only,
);

fn course_json() -> Value {
    json!({
        "title": "缝纫工技能培训",
        "provider": "安康市职业技能培训学校",
        "provider_kind": "school",
        "description": "缝纫机操作、毛绒玩具缝制，结业可进社区工厂",
        "region_code": "610902",
        "skills": ["做衣服"],
        "hours": 40,
        "subsidy_yuan": 800,
        "categories": ["left_behind_woman", "dibao"],
    })
}

fn session_json() -> Value {
    json!({
        "start_date": days_from_today(10),
        "end_date": days_from_today(30),
        "region_code": "610902001",
        "address": "老城街道社区培训中心",
        "capacity": 2,
        "days": ["tue", "mon"],
        "period": "evening",
    })
}

async fn created<T: serde::de::DeserializeOwned>(res: reqwest::Response) -> T {
    let status = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(status, StatusCode::CREATED, "{text}");
    serde_json::from_str(&text).expect("created record")
}

async fn ok<T: serde::de::DeserializeOwned>(res: reqwest::Response) -> T {
    let status = res.status();
    let text = res.text().await.expect("text");
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).expect("record")
}

async fn new_course(staff: &Client) -> Course {
    created(staff.post_json("/api/v1/courses", &course_json()).await).await
}

async fn audit_actions(app: &TestApp, entity: &str, id: i64) -> Vec<String> {
    sqlx::query_as::<_, (String,)>("SELECT action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id")
        .bind(entity)
        .bind(id)
        .fetch_all(app.db().pool())
        .await
        .expect("audit")
        .into_iter()
        .map(|(a,)| a)
        .collect()
}

async fn feed_rows(app: &TestApp, entity: &str, id: i64) -> i64 {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM change_feed WHERE entity = $1 AND entity_id = $2")
        .bind(entity)
        .bind(id)
        .fetch_one(app.db().pool())
        .await
        .expect("feed");
    n
}

async fn staff_create_read_change_publish_and_archive_a_course(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;

    let course = new_course(&staff).await;

    assert_eq!(course.status, CourseStatus::Draft);
    assert_eq!(course.skills, vec!["sewing"]);
    assert_eq!((course.region_name.as_str(), course.region_official_code.as_str()), ("汉滨区", "610902"));
    assert_eq!(course.categories.len(), 2);
    assert_eq!((course.session_count, course.open_session_count), (0, 0));
    let read: Course = ok(staff.get(&format!("/api/v1/courses/{}", course.id)).await).await;
    assert_eq!(read, course);
    let changed: Course = ok(staff.patch_json(&format!("/api/v1/courses/{}", course.id), &json!({"hours": 60, "categories": []})).await).await;
    assert_eq!((changed.hours, changed.title.as_str(), changed.categories.len()), (60, "缝纫工技能培训", 0), "absent fields stay");
    let published: Course = ok(staff.post_json(&format!("/api/v1/courses/{}/publish", course.id), &json!({})).await).await;
    assert_eq!(published.status, CourseStatus::Published);
    assert_error(staff.post_json(&format!("/api/v1/courses/{}/publish", course.id), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    let archived: Course = ok(staff.post_json(&format!("/api/v1/courses/{}/archive", course.id), &json!({})).await).await;
    assert_eq!(archived.status, CourseStatus::Archived);
    assert_error(staff.patch_json(&format!("/api/v1/courses/{}", course.id), &json!({"hours": 10})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed)
        .await;
    assert_error(staff.post_json(&format!("/api/v1/courses/{}/sessions", course.id), &session_json()).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed)
        .await;
    let listed: CoursePage = ok(staff.get("/api/v1/courses?status=archived").await).await;
    assert_eq!((listed.total, listed.items[0].id), (1, course.id));
    assert_eq!(audit_actions(&app, "course", course.id).await, vec!["course.create", "course.update", "course.published", "course.archived"]);
    assert_eq!(feed_rows(&app, "course", course.id).await, 4);
}

async fn staff_write_courses_and_sessions_only_inside_their_jurisdiction(app: TestApp) {
    let hanbin = app.staff("staff_hanbin", "610902").await;
    let town = app.staff("staff_laocheng", "610902001").await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let seeker = app.login_as("seeker", "13800000002", None, None).await;
    let course = new_course(&hanbin).await;

    let mut in_xunyang = course_json();
    in_xunyang["region_code"] = json!("610981");
    let fields = assert_error(town.post_json("/api/v1/courses", &in_xunyang).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(fields, vec!["region_code"]);
    assert_error(town.post_json("/api/v1/courses", &course_json()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(seeker.post_json("/api/v1/courses", &course_json()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    // A draft elsewhere does not exist for them; a published one may be read but not changed.
    assert_error(xunyang.get(&format!("/api/v1/courses/{}", course.id)).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(xunyang.patch_json(&format!("/api/v1/courses/{}", course.id), &json!({"hours": 1})).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(xunyang.post_json(&format!("/api/v1/courses/{}/publish", course.id), &json!({})).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    ok::<Course>(hanbin.post_json(&format!("/api/v1/courses/{}/publish", course.id), &json!({})).await).await;
    ok::<Course>(xunyang.get(&format!("/api/v1/courses/{}", course.id)).await).await;
    assert_error(xunyang.post_json(&format!("/api/v1/courses/{}/archive", course.id), &json!({})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(xunyang.post_json(&format!("/api/v1/courses/{}/sessions", course.id), &session_json()).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden)
        .await;
    // Hanbin's staff cannot move their course, or place a session, into another county.
    let fields = assert_error(
        hanbin.patch_json(&format!("/api/v1/courses/{}", course.id), &json!({"region_code": "610981"})).await,
        StatusCode::FORBIDDEN,
        ErrorCode::Forbidden,
    )
    .await;
    assert_eq!(fields, vec!["region_code"]);
    let mut far = session_json();
    far["region_code"] = json!("610981100");
    let fields =
        assert_error(hanbin.post_json(&format!("/api/v1/courses/{}/sessions", course.id), &far).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(fields, vec!["region_code"]);
    let session: CourseSession = created(hanbin.post_json(&format!("/api/v1/courses/{}/sessions", course.id), &session_json()).await).await;
    assert_error(xunyang.post_json(&format!("/api/v1/training-sessions/{}/start", session.id), &json!({})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden)
        .await;
    assert_eq!(count_rows(&app, "courses").await, 1);
    assert_eq!(count_rows(&app, "course_sessions").await, 1);
    let listed: CoursePage = ok(xunyang.get("/api/v1/courses").await).await;
    assert_eq!(listed.total, 0, "staff list their own jurisdiction");
}

async fn bad_courses_and_sessions_are_refused_field_by_field(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let course = new_course(&staff).await;
    let course_cases: Vec<(&str, Value, Vec<&str>)> = vec![
        ("empty title", json!({"title": "  "}), vec!["title"]),
        ("empty provider", json!({"provider": ""}), vec!["provider"]),
        ("no hours", json!({"hours": 0}), vec!["hours"]),
        ("unknown skill", json!({"skills": ["缝纫", "xyzzy-not-a-skill"]}), vec!["skills[1]"]),
        ("no such region", json!({"region_code": "610999"}), vec!["region_code"]),
        ("a province", json!({"region_code": "61"}), vec!["region_code"]),
        ("several at once", json!({"title": "", "hours": 0, "subsidy_yuan": 1_000_000}), vec!["title", "hours", "subsidy_yuan"]),
    ];
    for (why, change, want) in course_cases {
        let mut request = course_json();
        for (k, v) in change.as_object().expect("object") {
            request[k] = v.clone();
        }
        let fields = assert_error(staff.post_json("/api/v1/courses", &request).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(fields, want, "{why}");
    }
    let path = format!("/api/v1/courses/{}/sessions", course.id);
    let session_cases: Vec<(&str, Value, Vec<&str>)> = vec![
        ("end before start", json!({"end_date": days_from_today(5)}), vec!["end_date"]),
        ("deadline after start", json!({"enrol_deadline": days_from_today(11)}), vec!["enrol_deadline"]),
        ("start in the past", json!({"start_date": days_from_today(-1)}), vec!["start_date"]),
        ("no places", json!({"capacity": 0}), vec!["capacity"]),
        ("no days", json!({"days": []}), vec!["days"]),
        ("not a date", json!({"start_date": "2026-13-01"}), vec!["start_date"]),
        ("half a point", json!({"lat": 32.68}), vec!["lon"]),
    ];
    for (why, change, want) in session_cases {
        let mut request = session_json();
        for (k, v) in change.as_object().expect("object") {
            request[k] = v.clone();
        }
        let fields = assert_error(staff.post_json(&path, &request).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(fields, want, "{why}");
    }
    let mut bad_day = session_json();
    bad_day["days"] = json!(["monday"]);
    assert_error(staff.post_json(&path, &bad_day).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await;
    assert_eq!(count_rows(&app, "courses").await, 1);
    assert_eq!(count_rows(&app, "course_sessions").await, 0);
}

async fn sessions_are_added_changed_and_moved_through_their_life(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let course = new_course(&staff).await;

    let session: CourseSession = created(staff.post_json(&format!("/api/v1/courses/{}/sessions", course.id), &session_json()).await).await;

    assert_eq!(session.status, SessionStatus::Open);
    assert_eq!(session.enrol_deadline.to_string(), days_from_today(9), "the day before the start by default");
    assert_eq!(session.days, vec![Weekday::Mon, Weekday::Tue]);
    assert_eq!((session.region_name.as_str(), session.region_official_code.as_str()), ("汉滨区老城街道", "610902001000"));
    assert_eq!((session.capacity, session.enrolled, session.free_places, session.waitlisted), (2, 0, 2, 0));
    assert_eq!((session.course_title.as_str(), session.skills.clone()), ("缝纫工技能培训", vec!["sewing".to_string()]));
    let course_now: Course = ok(staff.get(&format!("/api/v1/courses/{}", course.id)).await).await;
    assert_eq!((course_now.session_count, course_now.open_session_count), (1, 1));
    let path = format!("/api/v1/training-sessions/{}", session.id);
    let moved: CourseSession =
        ok(staff.patch_json(&path, &json!({"start_date": days_from_today(12), "end_date": days_from_today(40), "period": "daytime"})).await).await;
    assert_eq!((moved.start_date.to_string(), moved.enrol_deadline.to_string()), (days_from_today(12), days_from_today(11)));
    assert_eq!((moved.address.as_str(), moved.capacity), ("老城街道社区培训中心", 2), "absent fields stay");
    // Two places taken: the session is full, and cannot shrink below them.
    sqlx::query("UPDATE course_sessions SET enrolled = 2, status = 'full' WHERE id = $1").bind(session.id).execute(app.db().pool()).await.expect("fill");
    let fields = assert_error(staff.patch_json(&path, &json!({"capacity": 1})).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, vec!["capacity"]);
    let grown: CourseSession = ok(staff.patch_json(&path, &json!({"capacity": 3})).await).await;
    assert_eq!((grown.status, grown.free_places), (SessionStatus::Open, 1), "a place more reopens it");
    assert_error(staff.post_json(&format!("{path}/finish"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    let running: CourseSession = ok(staff.post_json(&format!("{path}/start"), &json!({})).await).await;
    assert_eq!(running.status, SessionStatus::Running);
    assert_error(staff.patch_json(&path, &json!({"capacity": 5})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    assert_error(staff.post_json(&format!("{path}/start"), &json!({})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    let finished: CourseSession = ok(staff.post_json(&format!("{path}/finish"), &json!({})).await).await;
    assert_eq!(finished.status, SessionStatus::Finished);
    assert_error(staff.post_json(&format!("{path}/cancel"), &json!({"reason": "太晚了"})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    let listed: CourseSessionPage = ok(staff.get(&format!("/api/v1/courses/{}/sessions", course.id)).await).await;
    assert_eq!((listed.total, listed.items[0].status), (1, SessionStatus::Finished));
    assert_eq!(
        audit_actions(&app, "course_session", session.id).await,
        vec!["course_session.create", "course_session.update", "course_session.update", "course_session.running", "course_session.finished"]
    );
    assert_eq!(feed_rows(&app, "course_session", session.id).await, 5);
}

async fn enrol(app: &TestApp, session_id: i64, person_id: i64, status: &str) -> i64 {
    let mut conn = app.db().pool().acquire().await.expect("connection");
    insert_enrolment_row(&mut conn, session_id, person_id, status).await
}

async fn cancelling_a_session_cancels_its_enrolments_and_tells_each_person(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let course_id = insert_course(&app, &CourseFixture { title: "茶叶加工", region: "610902", skills: &["tea_processing"], categories: &[] }).await;
    let fixture = SessionFixture { course_id, region: "610902001", starts_in: 5, ends_in: 20, capacity: 1, days: "sat,sun", period: "daytime" };
    let session_id = insert_session(&app, &fixture).await;
    let other_session = insert_session(&app, &fixture).await;
    let mut people = Vec::new();
    for seq in 1..=4 {
        people.push(staff.register_person(&person_json("王秀英", &id_number("610902", 1985, seq))).await);
    }
    let enrolled = enrol(&app, session_id, people[0], "enrolled").await;
    let waiting = enrol(&app, session_id, people[1], "waitlisted").await;
    let gave_up = enrol(&app, session_id, people[2], "cancelled").await;
    let elsewhere = enrol(&app, other_session, people[3], "enrolled").await;
    sqlx::query("UPDATE course_sessions SET enrolled = 1, status = 'full'").execute(app.db().pool()).await.expect("full");
    let path = format!("/api/v1/training-sessions/{session_id}/cancel");

    let fields = assert_error(staff.post_json(&path, &json!({"reason": " "})).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(fields, vec!["reason"]);
    let cancelled: CourseSession = ok(staff.post_json(&path, &json!({"reason": "老师生病，改期另行通知"})).await).await;

    assert_eq!((cancelled.status, cancelled.cancel_reason.as_deref(), cancelled.enrolled), (SessionStatus::Cancelled, Some("老师生病，改期另行通知"), 0));
    for (id, want, note) in [
        (enrolled, "cancelled", Some("老师生病，改期另行通知")),
        (waiting, "cancelled", Some("老师生病，改期另行通知")),
        (gave_up, "cancelled", None),
        (elsewhere, "enrolled", None),
    ] {
        let (status, got_note): (String, Option<String>) =
            sqlx::query_as("SELECT status, note FROM enrolments WHERE id = $1").bind(id).fetch_one(app.db().pool()).await.expect("enrolment");
        assert_eq!((status.as_str(), got_note.as_deref()), (want, note), "enrolment {id}");
    }
    let notices: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT person_id, kind, session_id FROM training_notices ORDER BY person_id").fetch_all(app.db().pool()).await.expect("notices");
    assert_eq!(notices, vec![(people[0], "session_cancelled".to_string(), session_id), (people[1], "session_cancelled".to_string(), session_id)]);
    assert_error(staff.post_json(&path, &json!({"reason": "再取消一次"})).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
    assert_eq!(count_rows(&app, "training_notices").await, 2, "a refused cancel tells nobody");
    assert_eq!(audit_actions(&app, "course_session", session_id).await, vec!["course_session.cancel"]);
}

async fn anonymous_callers_see_published_courses_and_their_sessions_only(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let anon = app.anonymous();
    let draft = new_course(&staff).await;
    let draft_session: CourseSession = created(staff.post_json(&format!("/api/v1/courses/{}/sessions", draft.id), &session_json()).await).await;
    let public = new_course(&staff).await;
    let public_session: CourseSession = created(staff.post_json(&format!("/api/v1/courses/{}/sessions", public.id), &session_json()).await).await;
    ok::<Course>(staff.post_json(&format!("/api/v1/courses/{}/publish", public.id), &json!({})).await).await;

    let listed: CoursePage = ok(anon.get("/api/v1/courses").await).await;

    assert_eq!((listed.total, listed.items.iter().map(|c| c.id).collect::<Vec<_>>()), (1, vec![public.id]));
    assert_eq!(listed.items[0].open_session_count, 1);
    assert_error(anon.get("/api/v1/courses?status=draft").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    ok::<Course>(anon.get(&format!("/api/v1/courses/{}", public.id)).await).await;
    ok::<CourseSession>(anon.get(&format!("/api/v1/training-sessions/{}", public_session.id)).await).await;
    let sessions: CourseSessionPage = ok(anon.get(&format!("/api/v1/courses/{}/sessions", public.id)).await).await;
    assert_eq!(sessions.items.iter().map(|s| s.id).collect::<Vec<_>>(), vec![public_session.id]);
    assert_error(anon.get(&format!("/api/v1/courses/{}", draft.id)).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(anon.get(&format!("/api/v1/courses/{}/sessions", draft.id)).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(anon.get(&format!("/api/v1/training-sessions/{}", draft_session.id)).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(
        anon.post_json(&format!("/api/v1/training-sessions/{}/start", public_session.id), &json!({})).await,
        StatusCode::UNAUTHORIZED,
        ErrorCode::Unauthenticated,
    )
    .await;
    let staff_list: CoursePage = ok(staff.get("/api/v1/courses").await).await;
    assert_eq!(staff_list.total, 2, "staff see drafts too");
}
