//! Attendance, completion and certificates (issue 11, parts 5 and 6): staff
//! take attendance and record completion; completion issues a certificate
//! anyone can check, and its skills count as certified in matching.

use doorstep_shared::api::{AttendanceSheet, CertificateCheck, CertificateList, CompletionOutcome, ErrorCode, MatchResponse, PersonResponse, ReasonKind};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, days_from_today, id_number, person_json, posting_json, Client, TestApp};
use crate::training_support::{insert_course, insert_enrolment, insert_session, set_session_status, CourseFixture, SessionFixture};

backend_tests!(
    attendance_is_recorded_per_day_and_read_back,
    completion_issues_a_numbered_certificate_anyone_can_check,
    completion_is_refused_when_it_cannot_be_recorded,
    a_certificate_brings_a_posting_into_the_top_ten_matches,
);

/// A running electrician course of Hanbin's meeting every day, in 老城街道; returns the session id.
async fn running_session(app: &TestApp) -> i64 {
    let course_id = insert_course(app, &CourseFixture { title: "电工培训班", region: "610902", skills: &["electrician"], categories: &[] }).await;
    let session =
        SessionFixture { course_id, region: "610902001", starts_in: -5, ends_in: 10, capacity: 20, days: "mon,tue,wed,thu,fri,sat,sun", period: "daytime" };
    let id = insert_session(app, &session).await;
    set_session_status(app, id, "running").await;
    id
}

async fn person(staff: &Client, name: &str, seq: u16) -> i64 {
    staff.register_person(&person_json(name, &id_number("610902", 1980, seq))).await
}

async fn complete(staff: &Client, enrolment_id: i64) -> CompletionOutcome {
    let res = staff.post_json(&format!("/api/v1/enrolments/{enrolment_id}/completion"), &json!({"completed": true})).await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("completion outcome")
}

async fn attendance_is_recorded_per_day_and_read_back(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let session = running_session(&app).await;
    let (a, b) = (person(&staff, "王秀英", 1).await, person(&staff, "李桂兰", 2).await);
    let (ea, eb) = (insert_enrolment(&app, session, a, "enrolled").await, insert_enrolment(&app, session, b, "enrolled").await);
    let path = format!("/api/v1/training-sessions/{session}/attendance");

    let yesterday = staff.post_json(&path, &json!({"day": days_from_today(-1), "present": [ea, eb]})).await;
    assert_eq!(yesterday.status(), StatusCode::OK);
    let today = staff.post_json(&path, &json!({"day": days_from_today(0), "present": [eb], "absent": [ea]})).await;
    assert_eq!(today.status(), StatusCode::OK);
    // Recorded again, a day is corrected, not doubled.
    assert_eq!(staff.post_json(&path, &json!({"day": days_from_today(0), "present": [ea, eb]})).await.status(), StatusCode::OK);

    let sheet: AttendanceSheet = staff.get(&path).await.json().await.expect("sheet");
    let row_a = sheet.rows.iter().find(|r| r.enrolment_id == ea).expect("a's row");
    assert_eq!(row_a.person_name, "王秀英");
    assert_eq!(row_a.present.iter().map(ToString::to_string).collect::<Vec<_>>(), vec![days_from_today(-1), days_from_today(0)]);
    assert!(row_a.absent.is_empty());
    assert_eq!(sheet.rows.len(), 2);

    let before_start = staff.post_json(&path, &json!({"day": days_from_today(-6), "present": [ea]})).await;
    assert_eq!(assert_error(before_start, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["day"]);
    let other = running_session(&app).await;
    let stranger = insert_enrolment(&app, other, a, "enrolled").await;
    let wrong = staff.post_json(&path, &json!({"day": days_from_today(0), "present": [ea], "absent": [stranger]})).await;
    assert_eq!(assert_error(wrong, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["absent[0]"]);
    let xunyang = app.staff("staff_xunyang", "610981").await;
    assert_error(xunyang.get(&path).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
}

async fn completion_issues_a_numbered_certificate_anyone_can_check(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let session = running_session(&app).await;
    let (a, b) = (person(&staff, "王秀英", 1).await, person(&staff, "李桂兰", 2).await);
    let (ea, eb) = (insert_enrolment(&app, session, a, "enrolled").await, insert_enrolment(&app, session, b, "enrolled").await);

    let first = complete(&staff, ea).await;
    let second = complete(&staff, eb).await;

    let year = &days_from_today(0)[..4];
    let (ca, cb) = (first.certificate.expect("a certificate"), second.certificate.expect("a certificate"));
    assert_eq!(ca.number, format!("610902-{year}-00001"));
    assert_eq!(cb.number, format!("610902-{year}-00002"), "numbers are unique in the issuing region");
    assert_eq!(ca.verify_code.len(), 8);
    assert!(ca.verify_code.chars().all(|c| c.is_ascii_alphanumeric() && !"0O1I".contains(c)), "{}", ca.verify_code);
    assert_eq!((ca.course_title.as_str(), ca.skills[0].name_zh.as_str(), ca.issuing_region.as_str()), ("电工培训班", "电工", "610902"));
    assert_eq!(first.status, doorstep_shared::api::EnrolmentStatus::Completed);

    let anon = app.anonymous();
    let url = format!("/api/v1/certificates/verify?number={}&code={}", ca.number, ca.verify_code);
    let res = anon.get(&url).await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = res.text().await.expect("body");
    let check: CertificateCheck = serde_json::from_str(&text).expect("check");
    assert_eq!((check.course_title.as_str(), check.masked_name.as_str(), check.valid), ("电工培训班", "王**", true));
    assert_eq!(check.issued_on.to_string(), days_from_today(0));
    assert!(!text.contains("王秀英") && !text.contains("19800615") && !text.contains("1380000"), "nothing that identifies the person: {text}");
    let wrong_code = anon.get(&format!("/api/v1/certificates/verify?number={}&code={}", ca.number, cb.verify_code)).await;
    assert_error(wrong_code, StatusCode::NOT_FOUND, ErrorCode::CertificateNotFound).await;
    let wrong_number = anon.get(&format!("/api/v1/certificates/verify?number=610902-{year}-09999&code={}", ca.verify_code)).await;
    assert_error(wrong_number, StatusCode::NOT_FOUND, ErrorCode::CertificateNotFound).await;

    let profile: PersonResponse = staff.get(&format!("/api/v1/people/{a}")).await.json().await.expect("person");
    assert!(profile.skills.contains(&"electrician".to_string()) && profile.skills.contains(&"sewing".to_string()), "{:?}", profile.skills);
    assert_eq!(profile.certified_skills.len(), 1, "sewing stays self-declared");
    assert_eq!((profile.certified_skills[0].code.as_str(), profile.certified_skills[0].certificate_number.as_str()), ("electrician", ca.number.as_str()));

    let seeker = app.seeker_of("seeker_wang", a).await;
    let mine: CertificateList = seeker.get("/api/v1/me/certificates").await.json().await.expect("mine");
    assert_eq!(mine.certificates.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), vec![ca.number.as_str()]);
    let theirs: CertificateList = staff.get(&format!("/api/v1/people/{b}/certificates")).await.json().await.expect("theirs");
    assert_eq!(theirs.certificates[0].verify_code, cb.verify_code);
    let (notices,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM training_notices WHERE person_id = $1 AND kind = 'certificate_issued'")
        .bind(a)
        .fetch_one(app.db().pool())
        .await
        .expect("count");
    assert_eq!(notices, 1);
    let (audits,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'enrolment.completed' AND entity_id = $1")
        .bind(ea)
        .fetch_one(app.db().pool())
        .await
        .expect("count");
    assert_eq!(audits, 1);
}

async fn completion_is_refused_when_it_cannot_be_recorded(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let session = running_session(&app).await;
    let (a, b) = (person(&staff, "王秀英", 1).await, person(&staff, "李桂兰", 2).await);
    let (ea, eb) = (insert_enrolment(&app, session, a, "enrolled").await, insert_enrolment(&app, session, b, "enrolled").await);
    let path = |e: i64| format!("/api/v1/enrolments/{e}/completion");

    let no_reason = staff.post_json(&path(eb), &json!({"completed": false})).await;
    assert_eq!(assert_error(no_reason, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["reason"]);
    let xunyang = app.staff("staff_xunyang", "610981").await;
    assert_error(xunyang.post_json(&path(ea), &json!({"completed": true})).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    complete(&staff, ea).await;
    let again = staff.post_json(&path(ea), &json!({"completed": true})).await;
    assert_error(again, StatusCode::CONFLICT, ErrorCode::AlreadyCompleted).await;

    let not_completed = staff.post_json(&path(eb), &json!({"completed": false, "reason": "家中老人生病，缺课过半"})).await;
    let outcome: CompletionOutcome = not_completed.json().await.expect("outcome");
    assert_eq!((outcome.status, outcome.certificate), (doorstep_shared::api::EnrolmentStatus::NotCompleted, None));

    let open = running_session(&app).await;
    set_session_status(&app, open, "open").await;
    let early = insert_enrolment(&app, open, b, "enrolled").await;
    assert_error(staff.post_json(&path(early), &json!({"completed": true})).await, StatusCode::CONFLICT, ErrorCode::SessionNotRunning).await;
}

/// The person can sew; an electrician's job nearby is not among their ten
/// best matches while twelve sewing jobs fit better. After an electrician
/// course's certificate it is, first, and the reason says why.
async fn a_certificate_brings_a_posting_into_the_top_ten_matches(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    for i in 0..12 {
        let mut sewing = posting_json(employer_id);
        sewing["title"] = json!(format!("缝纫工{i}"));
        admin.open_posting(&app, &sewing).await;
    }
    let mut electrician = posting_json(employer_id);
    electrician["title"] = json!("社区电工");
    electrician["description"] = json!("社区工厂电路维护，持证上岗");
    electrician["skills"] = json!(["电工"]);
    let wanted = admin.open_posting(&app, &electrician).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let a = person(&staff, "王秀英", 1).await;
    let top_ten = || async {
        let got: MatchResponse = staff.get(&format!("/api/v1/people/{a}/matches?limit=10")).await.json().await.expect("matches");
        got.matches
    };
    assert!(top_ten().await.iter().all(|m| m.posting_id != wanted), "not a match before the course");

    let session = running_session(&app).await;
    let enrolment = insert_enrolment(&app, session, a, "enrolled").await;
    complete(&staff, enrolment).await;

    let after = top_ten().await;
    let found = after.iter().find(|m| m.posting_id == wanted).expect("in the top ten after the certificate");
    assert_eq!(after[0].posting_id, wanted, "a certified skill outweighs a self-declared one");
    let reason = found.reasons.iter().find(|r| r.kind == ReasonKind::CertifiedSkill).expect("a certified reason");
    assert_eq!((reason.detail.as_str(), reason.detail_en.as_str()), ("持证：电工", "certified: electrician"));
}
