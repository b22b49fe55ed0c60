//! Matching in headless Chromium: the seeker's real matches and, apart
//! below them, the other jobs nearby; skill names from the posting itself;
//! staff setting their jurisdiction's priority categories.

use serde_json::json;
use thirtyfour::prelude::*;

use crate::helpers::{id_number, person_json, posting_json, spawn_app, Backend};
use crate::webdriver::{find, find_with_text, finish, log_in, start_browser, tap_css, type_into};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_jobs_nearby_come_apart_below_the_real_matches() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    let sewing = admin.open_posting(&app, &posting_json(employer)).await;
    let mut packing = posting_json(employer);
    packing["title"] = json!("仓库打包员");
    packing["skills"] = json!(["packaging"]);
    let packing = admin.open_posting(&app, &packing).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = staff.register_person(&person_json("王秀英", &id_number("610902", 1985, 1))).await;
    app.seeker_of("13900001111", person).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "13900001111").await?;
        driver.goto(&format!("{}/for-me", app.address)).await?;

        find(&driver, &format!("#for-me-results #match-{sewing}")).await?;
        find_with_text(&driver, "#for-me-other h2", "其他附近岗位").await?;
        find(&driver, &format!("#for-me-other #match-{packing}")).await?;
        assert!(driver.find_all(By::Css(format!("#for-me-results #match-{packing}"))).await?.is_empty(), "never interleaved");
        let order = driver
            .execute("return document.querySelector('#for-me-results').compareDocumentPosition(document.querySelector('#for-me-other'));", vec![])
            .await?;
        assert_eq!(order.json().as_i64().map(|p| p & 4), Some(4), "the other jobs come after the real matches");
        find_with_text(&driver, &format!("#match-{sewing} .place"), "老城").await?;

        // The posting names its skills from its own response.
        driver.goto(&format!("{}/postings/{sewing}", app.address)).await?;
        find_with_text(&driver, ".tags .tag[data-code='sewing']", "缝纫").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "other-jobs", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn county_staff_set_a_priority_category_with_its_weight() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    app.create_user("staff", "staff_hanbin", Some("610902"), None).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "staff_hanbin").await?;
        tap_css(&driver, "#nav-priorities").await?;
        tap_css(&driver, "#priority-dibao").await?;
        type_into(&driver, "#priority-dibao-weight", "80").await?;
        tap_css(&driver, "#priorities-save").await?;
        find_with_text(&driver, "#priorities-result.success", "已保存").await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    finish(driver, "priorities", result).await;
    let staff = app.staff("staff_check", "610902").await;
    let saved: serde_json::Value = staff.get("/api/v1/regions/610902/priorities").await.json().await.expect("priorities");
    assert_eq!(saved["priorities"], json!([{"category": "dibao", "weight": 80}]));
}
