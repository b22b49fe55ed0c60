//! The seeker's and the employer's dead ends, walked in headless Chromium:
//! signing up, filling in a profile and applying; seeing an application on
//! the card and the posting and withdrawing it; an employer's invitation
//! reaching the seeker's inbox; the follow-up picker. Refusals are read in
//! Chinese beside the field.

use thirtyfour::prelude::*;

use serde_json::json;

use crate::helpers::{body, code_in, days_from_today, id_number, person_json, posting_json, spawn_app, Backend, TestApp};
use crate::webdriver::{choose, find, find_with_text, finish, log_in, log_out, start_browser, tap_css, type_into, PATIENCE, POLL};

/// An open sewing job of an employer in 老城街道, and a registered, consenting
/// seeker (王秀英, logging in as 13900001111): (employer, posting, person).
async fn job_and_seeker(app: &TestApp) -> (i64, i64, i64) {
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let posting_id = admin.open_posting(app, &posting_json(employer)).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.register_person(&person_json("王秀英", &id_number("610902", 1985, 1))).await;
    (employer, posting_id, person)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_seeker_signs_up_fills_in_a_profile_and_applies_at_once() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let posting_id = admin.open_posting(&app, &posting_json(employer)).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(&app.address).await?;
        tap_css(&driver, "#register-link").await?;
        find_with_text(&driver, "#register-intro", "免费找工作服务").await?;
        type_into(&driver, "#register-phone", "13700005555").await?;
        tap_css(&driver, "#register-code-button").await?;
        // The SMS is on its way; the password rule is told before anything is typed.
        find_with_text(&driver, "#register-code-sent", "10分钟内有效").await?;
        find_with_text(&driver, "#register-password-rule", "常见密码").await?;
        let code = code_in(&app.last_sms_to("13700005555").await).expect("a code in the SMS");
        type_into(&driver, "#register-code", "000000").await?;
        type_into(&driver, "#register-password", "short").await?;
        type_into(&driver, "#register-name", "张桂芳").await?;
        tap_css(&driver, "#register-button").await?;
        // The refusal is in Chinese, next to the password, with no English from the server.
        let beside = find_with_text(&driver, "#register-password-error", "密码至少8位").await?;
        assert!(!beside.text().await?.is_ascii());
        let summary = find(&driver, "#register-error").await?.text().await?;
        assert!(!summary.contains("password"), "no raw server text: {summary}");
        type_into(&driver, "#register-password", "12345678").await?;
        tap_css(&driver, "#register-button").await?;
        find_with_text(&driver, "#register-password-error", "太容易被猜到").await?;
        type_into(&driver, "#register-password", "tea garden 7 morning").await?;
        tap_css(&driver, "#register-button").await?;
        find_with_text(&driver, "#register-code-error", "验证码不对").await?;
        type_into(&driver, "#register-code", &code).await?;
        tap_css(&driver, "#register-button").await?;

        // Signed up and logged in: the profile form, told why it is needed.
        find(&driver, "#profile-form").await?;
        type_into(&driver, "#profile-name", "张桂芳").await?;
        type_into(&driver, "#profile-id", "61090219840615007").await?;
        type_into(&driver, "#profile-birth-year", "1984").await?;
        choose(&driver, "#profile-home-county", "610902").await?;
        choose(&driver, "#profile-home-town", "610902001").await?;
        type_into(&driver, "#profile-skills-q", "缝纫").await?;
        tap_css(&driver, "#profile-skills-options .skill-option").await?;
        find(&driver, "#profile-skills-chosen .chip").await?;
        tap_css(&driver, "#profile-cat-dibao").await?;
        find_with_text(&driver, "#profile-categories", "待核实").await?;
        tap_css(&driver, "#profile-consent").await?;
        tap_css(&driver, "#profile-save").await?;
        find_with_text(&driver, "#profile-id-error", "身份证号码不正确").await?;
        type_into(&driver, "#profile-id", &id_number("610902", 1984, 7)).await?;
        tap_css(&driver, "#profile-save").await?;
        find_with_text(&driver, "#profile-saved", "现在可以申请").await?;

        driver.goto(&format!("{}/postings/{posting_id}", app.address)).await?;
        tap_css(&driver, "#apply-button").await?;
        find_with_text(&driver, "#apply-result.success", "申请成功").await?;
        find_with_text(&driver, "#applied-state", "已申请").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "sign-up", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_sees_an_application_on_the_card_and_the_posting_and_withdraws_it() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let (_, posting_id, person) = job_and_seeker(&app).await;
    let seeker = app.seeker_of("13900001111", person).await;
    assert_eq!(seeker.apply(posting_id, None).await.status(), reqwest::StatusCode::CREATED);
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "13900001111").await?;
        driver.goto(&format!("{}/jobs?q=缝纫", app.address)).await?;
        find_with_text(&driver, &format!("#posting-{posting_id} #applied-{posting_id}"), "已申请").await?;
        // Jobs for me starts from the registered profile, no form to fill, and marks it too.
        driver.goto(&format!("{}/for-me", app.address)).await?;
        find(&driver, "#for-me-from-profile").await?;
        find_with_text(&driver, &format!("#match-{posting_id} #applied-{posting_id}"), "已申请").await?;

        driver.goto(&format!("{}/postings/{posting_id}", app.address)).await?;
        find_with_text(&driver, "#applied-state", "已申请").await?;
        tap_css(&driver, "#withdraw-button").await?;
        find_with_text(&driver, "#withdraw-result", "已撤回").await?;
        // The way to apply again is back.
        tap_css(&driver, "#apply-button").await?;
        find_with_text(&driver, "#apply-result.success", "申请成功").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "withdraw", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_invites_a_suggested_candidate_who_finds_it_in_the_inbox() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let (employer, posting_id, person) = job_and_seeker(&app).await;
    app.create_user("employer", "employer_zhang", None, Some(employer)).await;
    app.seeker_of("13900001111", person).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "employer_zhang").await?;
        driver.goto(&format!("{}/manage/{posting_id}", app.address)).await?;
        let candidate = find_with_text(&driver, &format!("#candidate-{person}"), "王**").await?;
        let reasons = candidate.text().await?;
        assert!(!reasons.contains('您'), "reasons are worded for the employer: {reasons}");
        tap_css(&driver, &format!("#invite-{person}")).await?;
        find_with_text(&driver, &format!("#invited-{person}"), "已邀请").await?;
        log_out(&driver).await?;

        log_in(&driver, &app, "13900001111").await?;
        tap_css(&driver, "#nav-inbox").await?;
        let item = find_with_text(&driver, &format!("#inbox .inbox-item[data-posting='{posting_id}']"), "邀请您申请").await?;
        item.find(By::Css(".invited a")).await?.click().await?;
        find_with_text(&driver, "#posting-title", "缝纫工").await?;
        find(&driver, "#apply-button").await?.wait_until().wait(PATIENCE, POLL).enabled().await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "invite", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follow_up_picker_offers_only_months_not_recorded_and_dates_those_not_due() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let (employer, posting_id, person) = job_and_seeker(&app).await;
    app.create_user("staff", "staff_laocheng", Some("610902"), None).await;
    let staff = app.staff("staff_api", "610902").await;
    let boss = app.login_as("employer", "employer_zhang", None, Some(employer)).await;
    let id = body(staff.apply(posting_id, Some(person)).await).await["id"].as_i64().expect("application");
    boss.move_application(id, &json!({"status": "interviewing"})).await;
    // Started about four months ago: the 1- and 3-month checks are due, the 6-month one is not.
    let terms = json!({"status": "hired", "start_date": days_from_today(-125), "monthly_wage": 3000});
    let placement = body(boss.move_application(id, &terms).await).await["placement_id"].as_i64().expect("placement");
    let first = staff.follow_up(placement, &json!({"month": 1, "still_employed": true})).await;
    assert_eq!(first.status(), reqwest::StatusCode::CREATED);
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "staff_laocheng").await?;
        driver.goto(&format!("{}/placements", app.address)).await?;
        tap_css(&driver, &format!("#follow-up-{placement}")).await?;
        let options = find(&driver, "#fu-month").await?.find_all(By::Css("option")).await?;
        let mut offered = Vec::new();
        for option in &options {
            let value = option.value().await?.unwrap_or_default();
            offered.push((value, option.is_enabled().await?));
        }
        assert_eq!(offered, vec![("3".to_string(), true), ("6".to_string(), false)], "month 1 is recorded; month 6 is not due");
        find_with_text(&driver, "#fu-month option[value='6']", "起").await?;
        tap_css(&driver, "#fu-submit").await?;
        find_with_text(&driver, &format!("#placement-{placement} .follow-ups"), "3 个月").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "follow-up", result).await;
}
