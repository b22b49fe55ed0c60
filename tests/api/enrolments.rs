//! Enrolment in course sessions: places, the waitlist and its promotion with
//! a notice, the rules that refuse an enrolment (each with its own code), who
//! may enrol whom, and the last seat under 100 concurrent enrolments.

use std::time::Instant;

use doorstep_shared::api::{Enrolment, EnrolmentPage, EnrolmentStatus, ErrorCode, NoticeKind, NoticePage};
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, id_number, person_json, Client, TestApp};
use crate::training_support::{insert_course, insert_session, CourseFixture, SessionFixture};

backend_tests!(
    a_seeker_takes_a_free_place_and_a_full_session_puts_the_next_on_its_waitlist,
    cancelling_a_place_promotes_the_first_waitlisted_person_who_finds_a_notice,
    cancelling_with_nobody_waiting_frees_the_place_and_reopens_the_session,
    a_person_holds_one_entry_per_session,
    a_place_in_a_session_at_the_same_time_is_refused_as_a_schedule_clash,
    a_course_for_some_categories_refuses_others_naming_the_rule,
    enrolment_is_refused_after_the_deadline_and_for_sessions_not_taking_enrolments,
    seekers_enrol_only_themselves_and_staff_only_people_they_govern,
    the_last_seat_goes_to_exactly_one_of_a_hundred_concurrent_enrolments,
);

/// Asserts the status and parses the body.
async fn parsed<T: DeserializeOwned>(res: Response, status: StatusCode) -> T {
    let got = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("unexpected body ({e}): {text}"))
}

/// Hanbin staff and a published sewing course for anyone in Hanbin.
struct World {
    staff: Client,
    course: i64,
}

async fn world(app: &TestApp) -> World {
    let staff = app.staff("staff_hanbin", "610902").await;
    let course = insert_course(app, &CourseFixture { title: "缝纫工培训", region: "610902", skills: &[], categories: &[] }).await;
    World { staff, course }
}

/// An open session of the course, Mondays and Wednesdays in the daytime, starting in 10 days.
async fn session(app: &TestApp, course_id: i64, capacity: i64) -> i64 {
    insert_session(app, &SessionFixture { course_id, region: "610902001", starts_in: 10, ends_in: 40, capacity, days: "mon,wed", period: "daytime" }).await
}

/// Registers `n` people in 老城街道 (verified 低保), numbered from `from`.
async fn people(staff: &Client, from: u16, n: u16) -> Vec<i64> {
    let mut ids = Vec::new();
    for i in from..from + n {
        ids.push(staff.register_person(&person_json(&format!("学员{i}"), &id_number("610902", 1980, i))).await);
    }
    ids
}

async fn enrol(client: &Client, session_id: i64, person_id: Option<i64>) -> Response {
    client.post_json(&format!("/api/v1/training-sessions/{session_id}/enrolments"), &json!({"person_id": person_id})).await
}

async fn cancel(client: &Client, enrolment_id: i64) -> Response {
    client.post_json(&format!("/api/v1/enrolments/{enrolment_id}/cancel"), &json!({})).await
}

/// The session's counter and status, straight from the database.
async fn counter(app: &TestApp, session_id: i64) -> (i64, String) {
    sqlx::query_as("SELECT enrolled, status FROM course_sessions WHERE id = $1").bind(session_id).fetch_one(app.db().pool()).await.expect("session row")
}

async fn a_seeker_takes_a_free_place_and_a_full_session_puts_the_next_on_its_waitlist(app: TestApp) {
    let w = world(&app).await;
    let s = session(&app, w.course, 1).await;
    let ids = people(&w.staff, 1, 2).await;
    let seeker = app.seeker_of("13800000001", ids[0]).await;

    let first: Enrolment = parsed(enrol(&seeker, s, None).await, StatusCode::CREATED).await;
    let second: Enrolment = parsed(enrol(&w.staff, s, Some(ids[1])).await, StatusCode::CREATED).await;

    assert_eq!((first.status, first.person_id, first.waitlist_position), (EnrolmentStatus::Enrolled, ids[0], None));
    assert_eq!((first.course_title.as_str(), first.session_id, first.person_name.as_str()), ("缝纫工培训", s, "学员1"));
    assert_eq!((second.status, second.waitlist_position), (EnrolmentStatus::Waitlisted, Some(1)));
    assert_eq!(counter(&app, s).await, (1, "full".to_string()));
    let mine: EnrolmentPage = parsed(seeker.get("/api/v1/me/enrolments").await, StatusCode::OK).await;
    assert_eq!((mine.total, mine.items[0].id), (1, first.id));
    let roster: EnrolmentPage = parsed(w.staff.get(&format!("/api/v1/training-sessions/{s}/enrolments")).await, StatusCode::OK).await;
    let order: Vec<(i64, EnrolmentStatus)> = roster.items.iter().map(|e| (e.person_id, e.status)).collect();
    assert_eq!(order, vec![(ids[0], EnrolmentStatus::Enrolled), (ids[1], EnrolmentStatus::Waitlisted)]);
    let theirs: EnrolmentPage = parsed(w.staff.get(&format!("/api/v1/people/{}/enrolments", ids[1])).await, StatusCode::OK).await;
    assert_eq!((theirs.total, theirs.items[0].status), (1, EnrolmentStatus::Waitlisted));
    let (audited,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entity = 'enrolment' AND action = 'enrolment.waitlisted' AND entity_id = $1")
        .bind(second.id)
        .fetch_one(app.db().pool())
        .await
        .expect("audit");
    assert_eq!(audited, 1, "the staff enrolment is audited");
}

async fn cancelling_a_place_promotes_the_first_waitlisted_person_who_finds_a_notice(app: TestApp) {
    let w = world(&app).await;
    let s = session(&app, w.course, 1).await;
    let ids = people(&w.staff, 1, 3).await;
    let holder = app.seeker_of("13800000001", ids[0]).await;
    let next = app.seeker_of("13800000002", ids[1]).await;
    let place: Enrolment = parsed(enrol(&holder, s, None).await, StatusCode::CREATED).await;
    let waiting: Enrolment = parsed(enrol(&next, s, None).await, StatusCode::CREATED).await;
    let later: Enrolment = parsed(enrol(&w.staff, s, Some(ids[2])).await, StatusCode::CREATED).await;
    let before: NoticePage = parsed(next.get("/api/v1/me/notices").await, StatusCode::OK).await;
    assert_eq!(before.total, 0);

    let cancelled: Enrolment = parsed(cancel(&holder, place.id).await, StatusCode::OK).await;

    assert_eq!(cancelled.status, EnrolmentStatus::Cancelled);
    let promoted: EnrolmentPage = parsed(next.get("/api/v1/me/enrolments").await, StatusCode::OK).await;
    assert_eq!((promoted.items[0].id, promoted.items[0].status, promoted.items[0].waitlist_position), (waiting.id, EnrolmentStatus::Enrolled, None));
    let notices: NoticePage = parsed(next.get("/api/v1/me/notices").await, StatusCode::OK).await;
    assert_eq!(notices.total, 1);
    assert_eq!((notices.items[0].kind, notices.items[0].session_id, notices.items[0].course_title.as_str()), (NoticeKind::WaitlistPromoted, s, "缝纫工培训"));
    let roster: EnrolmentPage = parsed(w.staff.get(&format!("/api/v1/training-sessions/{s}/enrolments")).await, StatusCode::OK).await;
    let order: Vec<(i64, EnrolmentStatus, Option<i64>)> = roster.items.iter().map(|e| (e.id, e.status, e.waitlist_position)).collect();
    assert_eq!(order, vec![(waiting.id, EnrolmentStatus::Enrolled, None), (later.id, EnrolmentStatus::Waitlisted, Some(1))]);
    assert_eq!(counter(&app, s).await, (1, "full".to_string()), "the place changed hands; the session stays full");
    let holder_notices: NoticePage = parsed(holder.get("/api/v1/me/notices").await, StatusCode::OK).await;
    assert_eq!(holder_notices.total, 0);
    assert_error(cancel(&holder, place.id).await, StatusCode::CONFLICT, ErrorCode::MoveNotAllowed).await;
}

async fn cancelling_with_nobody_waiting_frees_the_place_and_reopens_the_session(app: TestApp) {
    let w = world(&app).await;
    let s = session(&app, w.course, 2).await;
    let ids = people(&w.staff, 1, 3).await;
    let a: Enrolment = parsed(enrol(&w.staff, s, Some(ids[0])).await, StatusCode::CREATED).await;
    parsed::<Enrolment>(enrol(&w.staff, s, Some(ids[1])).await, StatusCode::CREATED).await;
    assert_eq!(counter(&app, s).await, (2, "full".to_string()));

    parsed::<Enrolment>(cancel(&w.staff, a.id).await, StatusCode::OK).await;

    assert_eq!(counter(&app, s).await, (1, "open".to_string()));
    let third: Enrolment = parsed(enrol(&w.staff, s, Some(ids[2])).await, StatusCode::CREATED).await;
    assert_eq!(third.status, EnrolmentStatus::Enrolled, "the freed place is taken, not waitlisted");
    let (feed,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM change_feed WHERE entity = 'course_session' AND entity_id = $1")
        .bind(s)
        .fetch_one(app.db().pool())
        .await
        .expect("feed");
    assert_eq!(feed, 1 + 4, "the fixture's row, then one per change of the counter");
}

async fn a_person_holds_one_entry_per_session(app: TestApp) {
    let w = world(&app).await;
    let s = session(&app, w.course, 1).await;
    let ids = people(&w.staff, 1, 2).await;
    parsed::<Enrolment>(enrol(&w.staff, s, Some(ids[0])).await, StatusCode::CREATED).await;
    parsed::<Enrolment>(enrol(&w.staff, s, Some(ids[1])).await, StatusCode::CREATED).await;

    assert_error(enrol(&w.staff, s, Some(ids[0])).await, StatusCode::CONFLICT, ErrorCode::AlreadyEnrolled).await;
    assert_error(enrol(&w.staff, s, Some(ids[1])).await, StatusCode::CONFLICT, ErrorCode::AlreadyEnrolled).await;
    assert_eq!(counter(&app, s).await, (1, "full".to_string()));
}

async fn a_place_in_a_session_at_the_same_time_is_refused_as_a_schedule_clash(app: TestApp) {
    let w = world(&app).await;
    let first = session(&app, w.course, 5).await;
    let other = insert_course(&app, &CourseFixture { title: "家政服务培训", region: "610902", skills: &[], categories: &[] }).await;
    let same_time = insert_session(
        &app,
        &SessionFixture { course_id: other, region: "610902001", starts_in: 20, ends_in: 50, capacity: 5, days: "wed,fri", period: "daytime" },
    )
    .await;
    let evenings = insert_session(
        &app,
        &SessionFixture { course_id: other, region: "610902001", starts_in: 20, ends_in: 50, capacity: 5, days: "mon,wed", period: "evening" },
    )
    .await;
    let ids = people(&w.staff, 1, 1).await;
    parsed::<Enrolment>(enrol(&w.staff, first, Some(ids[0])).await, StatusCode::CREATED).await;

    assert_error(enrol(&w.staff, same_time, Some(ids[0])).await, StatusCode::CONFLICT, ErrorCode::ScheduleClash).await;
    let evening: Enrolment = parsed(enrol(&w.staff, evenings, Some(ids[0])).await, StatusCode::CREATED).await;
    assert_eq!(evening.status, EnrolmentStatus::Enrolled, "evenings do not clash with days");
}

async fn a_course_for_some_categories_refuses_others_naming_the_rule(app: TestApp) {
    let w = world(&app).await;
    let for_tekun = insert_course(&app, &CourseFixture { title: "电工培训", region: "610902", skills: &[], categories: &["tekun", "disabled"] }).await;
    let for_dibao = insert_course(&app, &CourseFixture { title: "茶叶加工培训", region: "610902", skills: &[], categories: &["dibao"] }).await;
    let tekun_session = session(&app, for_tekun, 5).await;
    let dibao_session = insert_session(
        &app,
        &SessionFixture { course_id: for_dibao, region: "610902001", starts_in: 10, ends_in: 40, capacity: 5, days: "sat", period: "daytime" },
    )
    .await;
    let ids = people(&w.staff, 1, 1).await;

    let fields = assert_error(enrol(&w.staff, tekun_session, Some(ids[0])).await, StatusCode::CONFLICT, ErrorCode::NotEligible).await;

    assert_eq!(fields, vec!["disabled".to_string(), "tekun".to_string()], "the error lists the categories the course is for");
    let ok: Enrolment = parsed(enrol(&w.staff, dibao_session, Some(ids[0])).await, StatusCode::CREATED).await;
    assert_eq!(ok.status, EnrolmentStatus::Enrolled, "a verified 低保 person may take the 低保 course");
}

async fn enrolment_is_refused_after_the_deadline_and_for_sessions_not_taking_enrolments(app: TestApp) {
    let w = world(&app).await;
    // Starts today: its deadline was yesterday.
    let started = insert_session(
        &app,
        &SessionFixture { course_id: w.course, region: "610902001", starts_in: 0, ends_in: 30, capacity: 5, days: "tue", period: "daytime" },
    )
    .await;
    let running = session(&app, w.course, 5).await;
    sqlx::query("UPDATE course_sessions SET status = 'running' WHERE id = $1").bind(running).execute(app.db().pool()).await.expect("running");
    let draft = insert_course(&app, &CourseFixture { title: "直播带货培训", region: "610902", skills: &[], categories: &[] }).await;
    sqlx::query("UPDATE courses SET status = 'draft' WHERE id = $1").bind(draft).execute(app.db().pool()).await.expect("draft");
    let of_draft = session(&app, draft, 5).await;
    let ids = people(&w.staff, 1, 1).await;

    assert_error(enrol(&w.staff, started, Some(ids[0])).await, StatusCode::CONFLICT, ErrorCode::EnrolmentClosed).await;
    assert_error(enrol(&w.staff, running, Some(ids[0])).await, StatusCode::CONFLICT, ErrorCode::SessionNotOpen).await;
    assert_error(enrol(&w.staff, of_draft, Some(ids[0])).await, StatusCode::CONFLICT, ErrorCode::SessionNotOpen).await;
    assert_error(enrol(&w.staff, 999_999, Some(ids[0])).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let none: EnrolmentPage = parsed(w.staff.get(&format!("/api/v1/people/{}/enrolments", ids[0])).await, StatusCode::OK).await;
    assert_eq!(none.total, 0);
}

async fn seekers_enrol_only_themselves_and_staff_only_people_they_govern(app: TestApp) {
    let w = world(&app).await;
    let s = session(&app, w.course, 5).await;
    let ids = people(&w.staff, 1, 2).await;
    let seeker = app.seeker_of("13800000001", ids[0]).await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let unlinked = app.login_as("seeker", "13800000009", None, None).await;

    let fields = assert_error(enrol(&seeker, s, Some(ids[1])).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(fields, vec!["person_id".to_string()]);
    assert_error(enrol(&xunyang, s, Some(ids[1])).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(enrol(&unlinked, s, None).await, StatusCode::CONFLICT, ErrorCode::ProfileMissing).await;
    assert_error(enrol(&w.staff, s, None).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;

    let theirs: Enrolment = parsed(enrol(&w.staff, s, Some(ids[1])).await, StatusCode::CREATED).await;
    assert_error(cancel(&seeker, theirs.id).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(cancel(&xunyang, theirs.id).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(xunyang.get(&format!("/api/v1/people/{}/enrolments", ids[1])).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(xunyang.get(&format!("/api/v1/training-sessions/{s}/enrolments")).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(seeker.get(&format!("/api/v1/training-sessions/{s}/enrolments")).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(counter(&app, s).await.0, 1, "only the governed enrolment took a place");
}

/// Capacity 5 with 4 taken; 100 people enrol at once through the staff client.
async fn the_last_seat_goes_to_exactly_one_of_a_hundred_concurrent_enrolments(app: TestApp) {
    const CAPACITY: i64 = 5;
    let w = world(&app).await;
    let s = session(&app, w.course, CAPACITY).await;
    let early = people(&w.staff, 1, 4).await;
    for id in &early {
        parsed::<Enrolment>(enrol(&w.staff, s, Some(*id)).await, StatusCode::CREATED).await;
    }
    let racers = people(&w.staff, 100, 100).await;

    let started = Instant::now();
    let requests = racers.iter().map(|id| {
        let client = w.staff.clone_session();
        let id = *id;
        async move {
            let res = enrol(&client, s, Some(id)).await;
            let status = res.status();
            (status, res.text().await.expect("body"))
        }
    });
    let answers = futures::future::join_all(requests).await;
    let elapsed = started.elapsed();

    let failed: Vec<&(StatusCode, String)> = answers.iter().filter(|(status, _)| *status != StatusCode::CREATED).collect();
    assert!(failed.is_empty(), "every enrolment is answered 201: {failed:?}");
    let statuses: Vec<EnrolmentStatus> = answers.iter().map(|(_, text)| serde_json::from_str::<Enrolment>(text).expect("an enrolment").status).collect();
    let enrolled = statuses.iter().filter(|s| **s == EnrolmentStatus::Enrolled).count();
    let waitlisted = statuses.iter().filter(|s| **s == EnrolmentStatus::Waitlisted).count();
    eprintln!(
        "last-seat race ({:?}): 100 concurrent enrolments for 1 free seat in {elapsed:.2?}: {enrolled} enrolled, {waitlisted} waitlisted, 0 errors",
        app.db().backend()
    );
    assert_eq!((enrolled, waitlisted), (1, 99));
    assert_eq!(counter(&app, s).await, (CAPACITY, "full".to_string()));
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM enrolments WHERE session_id = $1 AND status = 'enrolled'")
        .bind(s)
        .fetch_one(app.db().pool())
        .await
        .expect("count");
    assert_eq!(rows, CAPACITY);
    let roster: EnrolmentPage = parsed(w.staff.get(&format!("/api/v1/training-sessions/{s}/enrolments?per_page=200")).await, StatusCode::OK).await;
    let positions: Vec<i64> = roster.items.iter().filter_map(|e| e.waitlist_position).collect();
    assert_eq!(positions, (1..=99).collect::<Vec<i64>>(), "the waitlist is numbered in order");

    cancellations_and_promotions_keep_the_counter(&app, &w.staff, s, &roster.items).await;
}

/// 50 concurrent cancellations (every place and 45 waitlist entries): each
/// freed place goes to the first still waiting, nobody is promoted twice.
async fn cancellations_and_promotions_keep_the_counter(app: &TestApp, staff: &Client, s: i64, roster: &[Enrolment]) {
    let places: Vec<i64> = roster.iter().filter(|e| e.status == EnrolmentStatus::Enrolled).map(|e| e.id).collect();
    let waiting: Vec<i64> = roster.iter().filter(|e| e.status == EnrolmentStatus::Waitlisted).map(|e| e.id).collect();
    let chosen: Vec<i64> = places.iter().copied().chain(waiting.iter().copied().step_by(2).take(45)).collect();

    let started = Instant::now();
    let answers = futures::future::join_all(chosen.iter().map(|id| {
        let client = staff.clone_session();
        let id = *id;
        async move { cancel(&client, id).await.status() }
    }))
    .await;
    let elapsed = started.elapsed();

    let ok = answers.iter().filter(|s| **s == StatusCode::OK).count();
    let (promoted,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM training_notices WHERE session_id = $1").bind(s).fetch_one(app.db().pool()).await.expect("notices");
    eprintln!("cancellations ({:?}): {} concurrent in {elapsed:.2?}: {ok} cancelled, {promoted} promoted", app.db().backend(), chosen.len());
    assert_eq!(ok, chosen.len(), "{answers:?}");
    assert_eq!(counter(app, s).await.0, 5);
    let live: Vec<(i64, String)> = sqlx::query_as("SELECT id, status FROM enrolments WHERE session_id = $1 AND status <> 'cancelled' ORDER BY id")
        .bind(s)
        .fetch_all(app.db().pool())
        .await
        .expect("live rows");
    assert_eq!(live.len(), 104 - 50);
    let enrolled: Vec<&str> = live.iter().map(|(_, status)| status.as_str()).collect();
    assert_eq!(enrolled[..5], ["enrolled"; 5], "places went to the first waiting, in order");
    assert!(enrolled[5..].iter().all(|s| *s == "waitlisted"), "{enrolled:?}");
    assert!(promoted >= 5, "every cancelled place was handed on");
}
