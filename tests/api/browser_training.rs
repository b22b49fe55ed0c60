//! The training platform at a phone-sized window (issue 11's "Done when"): a
//! seeker sees a suggestion, enrols from the phone; staff complete the
//! session; the seeker sees the certificate and a match that was not there
//! before. And staff run a roster on the phone: start the session, record a
//! day's attendance, mark one person completed and another not, with a reason.

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::helpers::{body, days_from_today, id_number, person_json, posting_json, spawn_app, Backend, Client, TestApp};
use crate::webdriver::{find, find_with_text, finish, log_in, start_browser, tap_css, type_into};

/// A course certifying sewing (缝纫), created and published by staff through
/// the API, with a session that starts `starts_in` days from today, meets
/// every day in the evening and takes enrolments until today: (course, session).
async fn sewing_course(staff: &Client, starts_in: i64) -> (i64, i64) {
    let course = json!({
        "title": "缝纫工技能培训",
        "provider": "安康市职业技能培训学校",
        "provider_kind": "school",
        "description": "平缝机操作与服装缝制，结业发证",
        "region_code": "610902",
        "skills": ["缝纫"],
        "hours": 40,
        "subsidy_yuan": 800,
    });
    let created = staff.post_json("/api/v1/courses", &course).await;
    let status = created.status();
    let created = body(created).await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{created}");
    let course_id = created["id"].as_i64().expect("course id");
    let published = staff.post_json(&format!("/api/v1/courses/{course_id}/publish"), &json!({})).await;
    assert_eq!(published.status(), reqwest::StatusCode::OK, "{}", body(published).await);
    let session = json!({
        "start_date": days_from_today(starts_in),
        "end_date": days_from_today(20),
        "enrol_deadline": days_from_today(0),
        "region_code": "610902001",
        "address": "老城街道社区培训中心",
        "capacity": 20,
        "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "period": "evening",
    });
    let created = staff.post_json(&format!("/api/v1/courses/{course_id}/sessions"), &session).await;
    let status = created.status();
    let created = body(created).await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{created}");
    (course_id, created["id"].as_i64().expect("session id"))
}

/// A registered person in 老城街道 who packs boxes (no sewing yet), logging in as `username`.
async fn packer(app: &TestApp, staff: &Client, name: &str, seq: u16, username: &str) -> i64 {
    let mut person = person_json(name, &id_number("610902", 1986, seq));
    person["skills"] = json!(["packaging"]);
    let id = staff.register_person(&person).await;
    app.seeker_of(username, id).await;
    id
}

/// The enrolment of a person in a session, as staff read the roster.
async fn enrolment_of(staff: &Client, session: i64, person: i64) -> i64 {
    let roster: Value = body(staff.get(&format!("/api/v1/training-sessions/{session}/enrolments")).await).await;
    let items = roster["items"].as_array().expect("items");
    let found = items.iter().find(|e| e["person_id"] == json!(person)).unwrap_or_else(|| panic!("{person} enrolled: {roster}"));
    found["id"].as_i64().expect("enrolment id")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_takes_a_suggested_course_and_finds_a_new_match_after_the_certificate() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    // Packing work the person can do now, and a sewing job they cannot, yet.
    let mut packing = posting_json(employer);
    packing["title"] = json!("仓库打包员");
    packing["skills"] = json!(["packaging"]);
    admin.open_posting(&app, &packing).await;
    let sewing = admin.open_posting(&app, &posting_json(employer)).await;
    let staff = app.staff("staff_api", "610902").await;
    // Suggestions are of sessions still to start.
    let (_, session) = sewing_course(&staff, 1).await;
    app.wait_indexed().await;
    let person = packer(&app, &staff, "王秀英", 1, "13900001111").await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "13900001111").await?;
        // Before: the sewing job is not among the matches (at most among the other jobs nearby).
        driver.goto(&format!("{}/for-me", app.address)).await?;
        find(&driver, "#for-me-results .posting-card, #for-me-empty").await?;
        assert!(driver.find_all(By::Css(format!("#for-me-results #match-{sewing}"))).await?.is_empty(), "no sewing match before the course");

        // Two taps: the bar's training item, then the suggestion.
        tap_css(&driver, "#nav-training").await?;
        find_with_text(&driver, &format!("#suggestions #suggestion-{session}"), "缝纫").await?;
        tap_css(&driver, &format!("#suggestion-{session} a")).await?;
        find_with_text(&driver, "#session-title", "缝纫工技能培训").await?;
        find_with_text(&driver, "#session-subsidy", "800").await?;
        find_with_text(&driver, "#session-when", "晚上").await?;
        tap_css(&driver, "#enrol-button").await?;
        find_with_text(&driver, "#enrol-result", "报名成功").await?;
        // Enrolling twice is refused, in Chinese, beside the button.
        driver.refresh().await?;
        tap_css(&driver, "#enrol-button").await?;
        let refusal = find(&driver, "#enrol-box #enrol-error").await?.text().await?;
        assert!(!refusal.is_ascii() && !refusal.contains("already"), "worded by its code: {refusal}");
        Ok::<_, WebDriverError>(())
    }
    .await;
    let result = match result {
        Ok(()) => {
            // Staff run the session and complete the enrolment.
            let started = staff.post_json(&format!("/api/v1/training-sessions/{session}/start"), &json!({})).await;
            assert_eq!(started.status(), reqwest::StatusCode::OK, "{}", body(started).await);
            let enrolment = enrolment_of(&staff, session, person).await;
            let done = staff.post_json(&format!("/api/v1/enrolments/{enrolment}/completion"), &json!({"completed": true})).await;
            assert_eq!(done.status(), reqwest::StatusCode::OK, "{}", body(done).await);
            app.wait_indexed().await;
            async {
                driver.goto(&format!("{}/my-training", app.address)).await?;
                let certificate = find_with_text(&driver, "#my-certificates .certificate", "缝纫工技能培训").await?;
                let number = certificate.find(By::Css(".cert-number")).await?.text().await?;
                find_with_text(&driver, "#my-enrolments", "已结业").await?;
                // The public check, from the certificate's own link.
                tap_css(&driver, "#my-certificates .verify-link").await?;
                find_with_text(&driver, "#verify-result #verify-name", "王**").await?;
                find_with_text(&driver, "#verify-course", "缝纫工技能培训").await?;
                assert_eq!(find(&driver, "#verify-number").await?.prop("value").await?.as_deref(), Some(number.as_str()));
                // After: the sewing job is a match now.
                driver.goto(&format!("{}/for-me", app.address)).await?;
                find(&driver, &format!("#for-me-results #match-{sewing}")).await?;
                Ok::<_, WebDriverError>(())
            }
            .await
        }
        failed => failed,
    };

    finish(driver, "training-done-when", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_record_attendance_and_completion_on_the_roster_from_a_phone() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let staff = app.staff("staff_api", "610902").await;
    app.create_user("staff", "staff_hanbin", Some("610902"), None).await;
    // Starting today, so that today's attendance can be recorded.
    let (course, session) = sewing_course(&staff, 0).await;
    let finisher = packer(&app, &staff, "王秀英", 1, "13900001111").await;
    let dropout = packer(&app, &staff, "李桂兰", 2, "13900002222").await;
    for person in [finisher, dropout] {
        let enrolled = staff.post_json(&format!("/api/v1/training-sessions/{session}/enrolments"), &json!({"person_id": person})).await;
        assert_eq!(enrolled.status(), reqwest::StatusCode::CREATED, "{}", body(enrolled).await);
    }
    let (first, second) = (enrolment_of(&staff, session, finisher).await, enrolment_of(&staff, session, dropout).await);
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "staff_hanbin").await?;
        // From the home tiles (the staff bar is full) to the course, its session, the roster.
        tap_css(&driver, "#tile-courses").await?;
        tap_css(&driver, &format!("#course-{course} h2 a")).await?;
        tap_css(&driver, &format!("#course-session-{session} h3 a")).await?;
        find_with_text(&driver, "#roster-course", "缝纫工技能培训").await?;
        tap_css(&driver, "#session-start").await?;
        find_with_text(&driver, "#roster-status", "上课中").await?;

        // Today's attendance: everyone starts ticked; 李桂兰 did not come.
        tap_css(&driver, &format!("#present-{second}")).await?;
        tap_css(&driver, "#attendance-save").await?;
        find_with_text(&driver, "#attendance-result", "1 人到课").await?;

        tap_css(&driver, &format!("#complete-{first}")).await?;
        find_with_text(&driver, &format!("#roster-{first}"), "已结业").await?;
        tap_css(&driver, &format!("#not-complete-{second} summary")).await?;
        type_into(&driver, &format!("#reason-{second}"), "家中有事，缺课过多").await?;
        tap_css(&driver, &format!("#not-complete-confirm-{second}")).await?;
        find_with_text(&driver, &format!("#roster-{second}"), "未结业").await?;
        find_with_text(&driver, &format!("#roster-{first} .days-present"), "1").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "training-roster", result).await;
    let sheet: Value = body(staff.get(&format!("/api/v1/training-sessions/{session}/attendance")).await).await;
    let rows = sheet["rows"].as_array().expect("rows");
    let row = |id: i64| rows.iter().find(|r| r["enrolment_id"] == json!(id)).cloned().unwrap_or_default();
    assert_eq!(row(first)["present"], json!([days_from_today(0)]), "{sheet}");
    assert_eq!(row(second)["absent"], json!([days_from_today(0)]), "{sheet}");
    let certificates: Value = body(staff.get(&format!("/api/v1/people/{finisher}/certificates")).await).await;
    assert_eq!(certificates["certificates"].as_array().map(Vec::len), Some(1), "{certificates}");
}
