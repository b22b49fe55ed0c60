//! The job pages of the real frontend in headless Chromium over WebDriver:
//! a seeker finds a job and applies; an employer posts a job, staff approve it
//! in the review queue, and the employer hires a referred applicant.

use thirtyfour::prelude::*;

use crate::helpers::{id_number, person_json, posting_json, spawn_app, Backend};
use crate::webdriver::{choose, find, find_with_text, finish, log_in, log_out, start_browser, tap, tap_css, type_into, PATIENCE, POLL};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_searches_opens_a_job_applies_and_sees_the_application() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let posting_id = admin.open_posting(&app, &posting_json(employer)).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.register_person(&person_json("王秀英", &id_number("610902", 1985, 1))).await;
    app.seeker_of("13900001111", person).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "13900001111").await?;
        // The seeker's navigation: jobs for me, search, applications, inbox, me.
        for id in ["nav-for-me", "nav-jobs", "nav-applications", "nav-inbox", "nav-home"] {
            find(&driver, &format!("#{id}")).await?;
        }

        tap_css(&driver, "#nav-jobs").await?;
        type_into(&driver, "#search-q", "缝纫").await?;
        tap_css(&driver, "#search-button").await?;
        let card = find(&driver, &format!("#search-results #posting-{posting_id}")).await?;
        assert!(card.text().await?.contains("缝纫工"), "the sewing job is found");
        assert!(driver.current_url().await?.as_str().contains("q="), "the search is kept in the address");
        tap(&card.find(By::Css("h2 a")).await?).await?;

        find_with_text(&driver, "#posting-title", "缝纫工").await?;
        find_with_text(&driver, "#posting-employer", "汉滨毛绒玩具社区工厂").await?;
        tap_css(&driver, "#apply-button").await?;
        find_with_text(&driver, "#apply-result.success", "申请成功").await?;

        tap_css(&driver, "#nav-applications").await?;
        let application = find(&driver, "#my-applications .application").await?;
        let text = application.text().await?;
        assert!(text.contains("缝纫工") && text.contains("已申请"), "listed as applied: {text}");

        // Back on the posting, the seeker sees they applied, with the status, instead of the button.
        driver.goto(&format!("{}/postings/{posting_id}", app.address)).await?;
        find_with_text(&driver, "#applied-state", "已申请").await?;
        assert!(driver.find_all(By::Id("apply-button")).await?.is_empty(), "no second apply button");
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "seeker", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_employer_posts_a_job_staff_approve_it_and_the_employer_hires_an_applicant() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    app.create_user("employer", "employer_zhang", None, Some(employer)).await;
    app.create_user("staff", "staff_laocheng", Some("610902"), None).await;
    let staff = app.staff("staff_api", "610902").await;
    let person = staff.register_person(&person_json("李春梅", &id_number("610902", 1980, 2))).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        // The employer posts a job through the form.
        log_in(&driver, &app, "employer_zhang").await?;
        tap_css(&driver, "#nav-post").await?;
        type_into(&driver, "#post-title", "毛绒玩具包装工").await?;
        type_into(&driver, "#post-description", "社区工厂包装毛绒玩具，每天8小时，离家近").await?;
        choose(&driver, "#post-region-county", "610902").await?;
        choose(&driver, "#post-region-town", "610902001").await?;
        type_into(&driver, "#post-skills-q", "缝纫").await?;
        tap_css(&driver, "#post-skills-options .skill-option").await?;
        find(&driver, "#post-skills-chosen .chip").await?;
        type_into(&driver, "#post-wage-min", "2600").await?;
        type_into(&driver, "#post-wage-max", "3200").await?;
        type_into(&driver, "#post-headcount", "2").await?;
        tap_css(&driver, "#post-submit").await?;
        let result = find_with_text(&driver, "#post-result", "待审核").await?;
        let card = result.find(By::Css(".posting-card")).await?;
        let posting_id: i64 = card.attr("data-id").await?.expect("data-id").parse().expect("numeric id");

        tap_css(&driver, "#post-see-mine").await?;
        find_with_text(&driver, &format!("#my-postings #posting-{posting_id}"), "待审核").await?;
        log_out(&driver).await?;

        // Staff approve it in their review queue.
        log_in(&driver, &app, "staff_laocheng").await?;
        tap_css(&driver, "#nav-review").await?;
        let pending = find_with_text(&driver, &format!("#review-queue #posting-{posting_id}"), "毛绒玩具包装工").await?;
        // Approving asks first; cancelling leaves the posting pending.
        tap_css(&driver, &format!("#approve-{posting_id}")).await?;
        find_with_text(&driver, &format!("#approve-confirm-box-{posting_id}"), "确认通过").await?;
        tap_css(&driver, &format!("#approve-cancel-{posting_id}")).await?;
        assert!(driver.find_all(By::Css(format!("#approve-confirm-box-{posting_id}"))).await?.is_empty(), "cancelled");
        tap_css(&driver, &format!("#approve-{posting_id}")).await?;
        tap_css(&driver, &format!("#approve-confirm-{posting_id}")).await?;
        pending.wait_until().wait(PATIENCE, POLL).stale().await?;
        // What happened is said where the posting was.
        find_with_text(&driver, &format!("#review-done-{posting_id}"), "已通过「毛绒玩具包装工」").await?;
        log_out(&driver).await?;

        // Staff refer a registered person (arranged through the API).
        let res = staff.apply(posting_id, Some(person)).await;
        assert_eq!(res.status(), reqwest::StatusCode::CREATED, "referral accepted");

        // The employer sees the applicant and hires them.
        log_in(&driver, &app, "employer_zhang").await?;
        tap_css(&driver, "#nav-postings").await?;
        find_with_text(&driver, &format!("#my-postings #posting-{posting_id}"), "招聘中").await?;
        tap_css(&driver, &format!("#manage-{posting_id}")).await?;
        find_with_text(&driver, "#posting-hired", "已招 0 人 / 共招 2 人").await?;
        let applicant = find_with_text(&driver, "#applicants .application", "李春梅").await?;
        let application_id = applicant.id().await?.expect("id").trim_start_matches("application-").to_string();
        tap_css(&driver, &format!("#hire-{application_id}")).await?;
        type_into(&driver, "#hire-wage", "3000").await?;
        tap_css(&driver, "#hire-submit").await?;
        find_with_text(&driver, "#posting-hired", "已招 1 人 / 共招 2 人").await?;
        find_with_text(&driver, &format!("#application-{application_id}"), "已录用").await?;

        tap_css(&driver, "#nav-postings").await?;
        find_with_text(&driver, &format!("#hired-{posting_id}"), "已招 1 人 / 共招 2 人").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "employer", result).await;
}
