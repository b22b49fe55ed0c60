//! Applications, hires and placements: the status machine over HTTP, who
//! sees what, the headcount under concurrent hires, and follow-ups.

use doorstep_shared::api::{
    ApiErrorBody, ApplicationPage, ApplicationResponse, ApplicationSource, ApplicationStatus, AuditPage, ErrorCode, MeResponse, PlacementKind, PlacementPage,
    PlacementResponse, PostingPage, PostingResponse, PostingStatus,
};
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, days_from_today, hire_json, id_number, person_json, posting_json, Client, TestApp};

backend_tests!(
    a_hire_after_an_interview_creates_a_nearby_placement_and_counts_against_the_headcount,
    a_referral_to_another_county_becomes_a_transfer_placement_and_staff_moves_are_audited,
    moves_outside_the_status_machine_are_refused,
    a_person_has_one_active_application_per_posting,
    applications_are_refused_to_unlinked_seekers_employers_and_strangers,
    each_role_sees_only_its_own_applications,
    concurrent_hires_never_exceed_the_headcount,
    a_filled_posting_leaves_search_and_hires_no_more,
    follow_ups_are_recorded_once_at_one_three_and_six_months,
    follow_ups_are_refused_before_their_months_have_passed,
);

/// An open sewing posting in 老城街道, its employer, Hanbin staff, and a person there.
struct World {
    admin: Client,
    staff: Client,
    employer: Client,
    employer_id: i64,
    posting: i64,
    person: i64,
}

async fn world(app: &TestApp, headcount: u32) -> World {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let mut p = posting_json(employer_id);
    p["headcount"] = json!(headcount);
    let posting = admin.open_posting(app, &p).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.register_person(&person_json("王秀英", &id_number("610902", 1980, 1))).await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    World { admin, staff, employer, employer_id, posting, person }
}

/// Asserts the status and parses the body.
async fn parsed<T: DeserializeOwned>(res: Response, status: StatusCode) -> T {
    let got = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(got, status, "body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("unexpected body ({e}): {text}"))
}

async fn to_interview(client: &Client, id: i64) {
    parsed::<ApplicationResponse>(client.move_application(id, &json!({"status": "interviewing"})).await, StatusCode::OK).await;
}

async fn a_hire_after_an_interview_creates_a_nearby_placement_and_counts_against_the_headcount(app: TestApp) {
    let w = world(&app, 5).await;
    let seeker = app.seeker_of("13800001234", w.person).await;
    let me: MeResponse = parsed(seeker.get("/api/v1/me").await, StatusCode::OK).await;
    assert_eq!(me.person_id, Some(w.person));
    let applied: ApplicationResponse = parsed(seeker.apply(w.posting, None).await, StatusCode::CREATED).await;
    assert_eq!((applied.status, applied.source, applied.person_id), (ApplicationStatus::Applied, ApplicationSource::Applied, w.person));
    to_interview(&w.employer, applied.id).await;

    let hired: ApplicationResponse = parsed(w.employer.move_application(applied.id, &hire_json()).await, StatusCode::OK).await;

    assert_eq!(hired.status, ApplicationStatus::Hired);
    let placement_id = hired.placement_id.expect("a hire has a placement");
    let placement: PlacementResponse = parsed(w.staff.get(&format!("/api/v1/placements/{placement_id}")).await, StatusCode::OK).await;
    assert_eq!(placement.kind, PlacementKind::Nearby, "老城街道 is in the person's home county");
    assert_eq!((placement.application_id, placement.person_id, placement.posting_id), (applied.id, w.person, w.posting));
    assert_eq!((placement.start_date.to_string().as_str(), placement.monthly_wage), (days_from_today(7).as_str(), 3200));
    let posting: PostingResponse = parsed(w.admin.get(&format!("/api/v1/postings/{}", w.posting)).await, StatusCode::OK).await;
    assert_eq!((posting.hired, posting.status), (1, PostingStatus::Open));
}

async fn a_referral_to_another_county_becomes_a_transfer_placement_and_staff_moves_are_audited(app: TestApp) {
    let w = world(&app, 5).await;
    let xunyang_employer = app.employer_in(&w.admin, "610981100").await;
    let mut p = posting_json(xunyang_employer);
    p["region_code"] = json!("610981100");
    let posting = w.admin.open_posting(&app, &p).await;

    let xunyang_staff = app.staff("staff_xunyang", "610981").await;

    let referred: ApplicationResponse = parsed(w.staff.apply(posting, Some(w.person)).await, StatusCode::CREATED).await;
    to_interview(&xunyang_staff, referred.id).await;
    let hired: ApplicationResponse = parsed(xunyang_staff.move_application(referred.id, &hire_json()).await, StatusCode::OK).await;

    assert_eq!(referred.source, ApplicationSource::Referral);
    let placement_id = hired.placement_id.expect("placement");
    let placement: PlacementResponse = parsed(w.staff.get(&format!("/api/v1/placements/{placement_id}")).await, StatusCode::OK).await;
    assert_eq!(placement.kind, PlacementKind::Transfer, "旬阳 is outside 汉滨");
    let audit: AuditPage = parsed(w.admin.get("/api/v1/audit").await, StatusCode::OK).await;
    let actions: Vec<(&str, &str, i64)> =
        audit.items.iter().filter(|e| e.entity == "application").map(|e| (e.actor_username.as_str(), e.action.as_str(), e.entity_id)).collect();
    let id = referred.id;
    let expected = [("staff_xunyang", "application.hired", id), ("staff_xunyang", "application.interviewing", id), ("staff_hanbin", "application.refer", id)];
    assert_eq!(actions, expected);
}

async fn moves_outside_the_status_machine_are_refused(app: TestApp) {
    let w = world(&app, 5).await;
    let seeker = app.seeker_of("13800001234", w.person).await;
    let mut ids = Vec::new();
    for title in ["缝纫工", "包装工", "检验员"] {
        let mut p = posting_json(w.employer_id);
        p["title"] = json!(title);
        let posting = w.admin.open_posting(&app, &p).await;
        ids.push(parsed::<ApplicationResponse>(seeker.apply(posting, None).await, StatusCode::CREATED).await.id);
    }
    let (hired, rejected, applied) = (ids[0], ids[1], ids[2]);
    to_interview(&w.employer, hired).await;
    parsed::<ApplicationResponse>(w.employer.move_application(hired, &hire_json()).await, StatusCode::OK).await;
    parsed::<ApplicationResponse>(w.employer.move_application(rejected, &json!({"status": "rejected"})).await, StatusCode::OK).await;

    let cases = [
        (&w.employer, hired, json!({"status": "applied"}), "from hired to applied"),
        (&seeker, hired, json!({"status": "withdrawn"}), "from hired to withdrawn"),
        (&w.staff, rejected, json!({"status": "interviewing"}), "from rejected to interviewing"),
        (&w.employer, applied, hire_json(), "from applied to hired"),
    ];
    for (client, id, change, named) in cases {
        let res = client.move_application(id, &change).await;

        let refused: ApiErrorBody = parsed(res, StatusCode::CONFLICT).await;
        assert_eq!((refused.error.code, refused.error.fields), (ErrorCode::MoveNotAllowed, vec!["status".to_string()]), "{change}");
        assert!(refused.error.message.contains(named), "{change}: {}", refused.error.message);
    }
    let withdraw = json!({"status": "withdrawn"});
    assert_error(w.employer.move_application(applied, &withdraw).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(seeker.move_application(applied, &json!({"status": "interviewing"})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    to_interview(&w.employer, applied).await;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    for (terms, fields) in [
        (json!({"status": "hired"}), vec!["start_date", "monthly_wage"]),
        (json!({"status": "hired", "start_date": "2026-02-30", "monthly_wage": 3000}), vec!["start_date"]),
    ] {
        let res = w.employer.move_application(applied, &terms).await;
        assert_eq!(assert_error(res, invalid, ErrorCode::ValidationFailed).await, fields, "{terms}");
    }
}

async fn a_person_has_one_active_application_per_posting(app: TestApp) {
    let w = world(&app, 5).await;
    let seeker = app.seeker_of("13800001234", w.person).await;
    let first: ApplicationResponse = parsed(seeker.apply(w.posting, None).await, StatusCode::CREATED).await;

    let again = seeker.apply(w.posting, None).await;
    let referred = w.staff.apply(w.posting, Some(w.person)).await;

    assert_error(again, StatusCode::CONFLICT, ErrorCode::AlreadyApplied).await;
    assert_error(referred, StatusCode::CONFLICT, ErrorCode::AlreadyApplied).await;
    parsed::<ApplicationResponse>(seeker.move_application(first.id, &json!({"status": "withdrawn"})).await, StatusCode::OK).await;
    let after_withdrawal = seeker.apply(w.posting, None).await;
    assert_eq!(after_withdrawal.status(), StatusCode::CREATED, "a withdrawn application frees the place");
}

/// Who applies, to which posting, for whom; the status, code and fields expected.
type Refusal<'a> = (&'a Client, i64, Option<i64>, StatusCode, ErrorCode, Vec<&'a str>);

async fn applications_are_refused_to_unlinked_seekers_employers_and_strangers(app: TestApp) {
    let w = world(&app, 5).await;
    let unlinked = app.login_as("seeker", "13800000009", None, None).await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let linked = app.seeker_of("13800001234", w.person).await;
    let pending = parsed::<PostingResponse>(w.employer.post_json("/api/v1/postings", &posting_json(w.employer_id)).await, StatusCode::CREATED).await.id;

    let cases: Vec<Refusal> = vec![
        (&unlinked, w.posting, None, StatusCode::CONFLICT, ErrorCode::ProfileMissing, vec![]),
        (&w.employer, w.posting, Some(w.person), StatusCode::FORBIDDEN, ErrorCode::Forbidden, vec![]),
        (&xunyang, w.posting, Some(w.person), StatusCode::NOT_FOUND, ErrorCode::NotFound, vec![]),
        (&w.staff, w.posting, None, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, vec!["person_id"]),
        (&w.staff, 999_999, Some(w.person), StatusCode::NOT_FOUND, ErrorCode::NotFound, vec![]),
        (&linked, pending, None, StatusCode::NOT_FOUND, ErrorCode::NotFound, vec![]),
        (&w.staff, pending, Some(w.person), StatusCode::CONFLICT, ErrorCode::PostingNotOpen, vec![]),
        (&linked, w.posting, Some(w.person + 1), StatusCode::FORBIDDEN, ErrorCode::Forbidden, vec!["person_id"]),
    ];
    for (i, (client, posting, person, status, code, fields)) in cases.into_iter().enumerate() {
        let res = client.apply(posting, person).await;

        assert_eq!(assert_error(res, status, code).await, fields, "case {i}");
    }
    assert_eq!(count_rows(&app, "applications").await, 0);
}

async fn each_role_sees_only_its_own_applications(app: TestApp) {
    let w = world(&app, 5).await;
    let other_employer = app.employer_in(&w.admin, "610902002").await;
    let other_posting = w.admin.open_posting(&app, &posting_json(other_employer)).await;
    let mut far = person_json("陈旬阳", &id_number("610981", 1979, 3));
    far["home_region"] = json!("610981100");
    let far = w.admin.register_person(&far).await;
    let seeker = app.seeker_of("13800001234", w.person).await;
    let mine = parsed::<ApplicationResponse>(seeker.apply(w.posting, None).await, StatusCode::CREATED).await.id;
    let referred = parsed::<ApplicationResponse>(w.staff.apply(other_posting, Some(w.person)).await, StatusCode::CREATED).await.id;
    let theirs = parsed::<ApplicationResponse>(w.admin.apply(other_posting, Some(far)).await, StatusCode::CREATED).await.id;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    let other = app.login_as("employer", "other_factory", None, Some(other_employer)).await;

    let viewers: [(&Client, Vec<i64>); 6] = [
        (&w.employer, vec![mine]),
        (&other, vec![theirs, referred]),
        (&w.staff, vec![theirs, referred, mine]), // theirs: to an employer in Hanbin
        (&xunyang, vec![theirs]),
        (&seeker, vec![referred, mine]),
        (&w.admin, vec![theirs, referred, mine]),
    ];
    for (i, (client, expected)) in viewers.into_iter().enumerate() {
        let page: ApplicationPage = parsed(client.get("/api/v1/applications").await, StatusCode::OK).await;

        assert_eq!(page.items.iter().map(|a| a.id).collect::<Vec<_>>(), expected, "viewer {i}");
        assert_eq!(page.total, expected.len() as i64);
        for id in [mine, referred, theirs] {
            let status = client.get(&format!("/api/v1/applications/{id}")).await.status();
            let visible = if expected.contains(&id) { StatusCode::OK } else { StatusCode::NOT_FOUND };
            assert_eq!(status, visible, "viewer {i}, application {id}");
        }
    }
    let filtered: ApplicationPage = parsed(w.admin.get(&format!("/api/v1/applications?posting_id={other_posting}&status=applied")).await, StatusCode::OK).await;
    assert_eq!(filtered.total, 2);
    assert_error(w.admin.get("/api/v1/applications?status=lost").await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;
    assert_eq!(app.anonymous().get("/api/v1/applications").await.status(), StatusCode::UNAUTHORIZED);
}

async fn concurrent_hires_never_exceed_the_headcount(app: TestApp) {
    let w = world(&app, 3).await;
    let mut ids = Vec::new();
    for i in 0..8 {
        let person = w.staff.register_person(&person_json(&format!("求职者{i}"), &id_number("610902", 1985, 10 + i))).await;
        let referred: ApplicationResponse = parsed(w.staff.apply(w.posting, Some(person)).await, StatusCode::CREATED).await;
        to_interview(&w.employer, referred.id).await;
        ids.push(referred.id);
    }

    let mut hires = tokio::task::JoinSet::new();
    for id in ids {
        let employer = w.employer.clone_session();
        hires.spawn(async move { employer.move_application(id, &hire_json()).await });
    }
    let mut statuses = Vec::new();
    while let Some(res) = hires.join_next().await {
        let res = res.expect("hire task");
        if res.status() == StatusCode::CONFLICT {
            let text = res.text().await.expect("body");
            assert!(text.contains("headcount reached"), "{text}");
            statuses.push(StatusCode::CONFLICT);
        } else {
            statuses.push(res.status());
        }
    }

    let ok = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let full = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
    assert_eq!((ok, full), (3, 5), "{statuses:?}");
    let posting: PostingResponse = parsed(w.admin.get(&format!("/api/v1/postings/{}", w.posting)).await, StatusCode::OK).await;
    assert_eq!((posting.hired, posting.status), (3, PostingStatus::Filled));
    assert_eq!(count_rows(&app, "placements").await, 3);
    let hired: ApplicationPage = parsed(w.admin.get("/api/v1/applications?status=hired").await, StatusCode::OK).await;
    assert_eq!(hired.total, 3);
}

async fn a_filled_posting_leaves_search_and_hires_no_more(app: TestApp) {
    let w = world(&app, 1).await;
    let second = w.staff.register_person(&person_json("李桂兰", &id_number("610902", 1982, 2))).await;
    let first = parsed::<ApplicationResponse>(w.staff.apply(w.posting, Some(w.person)).await, StatusCode::CREATED).await.id;
    let late = parsed::<ApplicationResponse>(w.staff.apply(w.posting, Some(second)).await, StatusCode::CREATED).await.id;
    to_interview(&w.employer, first).await;
    to_interview(&w.employer, late).await;
    let before: PostingPage = parsed(app.anonymous().get("/api/v1/postings?q=缝纫").await, StatusCode::OK).await;
    assert_eq!(before.total, 1);

    parsed::<ApplicationResponse>(w.employer.move_application(first, &hire_json()).await, StatusCode::OK).await;
    app.wait_indexed().await;

    let after: PostingPage = parsed(app.anonymous().get("/api/v1/postings?q=缝纫").await, StatusCode::OK).await;
    assert_eq!(after.total, 0, "a filled posting is not searchable");
    assert_error(w.employer.move_application(late, &hire_json()).await, StatusCode::CONFLICT, ErrorCode::HeadcountReached).await;
    let still: ApplicationResponse = parsed(w.employer.get(&format!("/api/v1/applications/{late}")).await, StatusCode::OK).await;
    assert_eq!((still.status, still.placement_id), (ApplicationStatus::Interviewing, None), "a refused hire writes nothing");
    assert_eq!(count_rows(&app, "placements").await, 1);
}

/// Hires the world's person with a start `days` from today and answers the placement.
async fn placed(w: &World, days: i64) -> i64 {
    let id = parsed::<ApplicationResponse>(w.staff.apply(w.posting, Some(w.person)).await, StatusCode::CREATED).await.id;
    to_interview(&w.employer, id).await;
    let terms = json!({"status": "hired", "start_date": days_from_today(days), "monthly_wage": 3200});
    let hired: ApplicationResponse = parsed(w.employer.move_application(id, &terms).await, StatusCode::OK).await;
    hired.placement_id.expect("placement")
}

async fn follow_ups_are_refused_before_their_months_have_passed(app: TestApp) {
    let w = world(&app, 5).await;
    // About five and a quarter months ago: the 1- and 3-month checks are due, the 6-month one is not.
    let placement = placed(&w, -160).await;

    for month in [1, 3] {
        let check = json!({"month": month, "still_employed": true});
        parsed::<PlacementResponse>(w.staff.follow_up(placement, &check).await, StatusCode::CREATED).await;
    }
    let early = w.staff.follow_up(placement, &json!({"month": 6, "still_employed": true})).await;

    let refused: ApiErrorBody = parsed(early, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!((refused.error.code, refused.error.fields), (ErrorCode::TooEarly, vec!["month".to_string()]));
    let got: PlacementResponse = parsed(w.staff.get(&format!("/api/v1/placements/{placement}")).await, StatusCode::OK).await;
    assert_eq!(got.follow_ups.iter().map(|f| f.month).collect::<Vec<_>>(), vec![1, 3]);
}

async fn follow_ups_are_recorded_once_at_one_three_and_six_months(app: TestApp) {
    let w = world(&app, 5).await;
    let placement = placed(&w, -200).await;
    let xunyang = app.staff("staff_xunyang", "610981").await;

    for month in [1, 3, 6] {
        let check = json!({"month": month, "still_employed": month < 6, "monthly_wage": 3300, "note": "回访"});
        parsed::<PlacementResponse>(w.staff.follow_up(placement, &check).await, StatusCode::CREATED).await;
    }

    let got: PlacementResponse = parsed(w.staff.get(&format!("/api/v1/placements/{placement}")).await, StatusCode::OK).await;
    let months: Vec<(u8, bool)> = got.follow_ups.iter().map(|f| (f.month, f.still_employed)).collect();
    assert_eq!(months, vec![(1, true), (3, true), (6, false)]);
    let again = w.staff.follow_up(placement, &json!({"month": 3, "still_employed": true})).await;
    assert_eq!(assert_error(again, StatusCode::CONFLICT, ErrorCode::AlreadyRecorded).await, vec!["month"]);
    for month in [0, 2, 12] {
        let bad = w.staff.follow_up(placement, &json!({"month": month, "still_employed": true})).await;
        assert_eq!(assert_error(bad, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["month"], "month {month}");
    }
    assert_error(xunyang.follow_up(placement, &json!({"month": 1, "still_employed": true})).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(w.employer.follow_up(placement, &json!({"month": 1, "still_employed": true})).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let nearby: PlacementPage = parsed(w.staff.get("/api/v1/placements?kind=nearby").await, StatusCode::OK).await;
    let transfer: PlacementPage = parsed(w.staff.get("/api/v1/placements?kind=transfer").await, StatusCode::OK).await;
    let elsewhere: PlacementPage = parsed(xunyang.get("/api/v1/placements").await, StatusCode::OK).await;
    assert_eq!((nearby.total, transfer.total, elsewhere.total), (1, 0, 0));
    let audit: AuditPage = parsed(w.admin.get("/api/v1/audit").await, StatusCode::OK).await;
    assert_eq!(audit.items.iter().filter(|e| e.action == "placement.follow_up" && e.entity_id == placement).count(), 3);
}
