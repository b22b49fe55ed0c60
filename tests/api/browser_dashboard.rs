//! Staff work at a phone-sized window (issue 13's "Done when"): a county
//! user opens the dashboard on the known employment data set, sees its own
//! towns only, reads every figure as the API gives it, drills down from a
//! figure and from a town's bar to the people behind them, downloads the
//! export behind its link and finds the screen's figures in it; and records
//! an overdue follow-up from the worklist.

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::employment_figures::known_employment_data;
use crate::export_support::{download, number, sheet, workbook};
use crate::helpers::{body, spawn_app, Backend};
use crate::webdriver::{assert_targets, find, finish, log_in, start_browser, tap_css, title_becomes, PATIENCE, POLL};

/// The texts of every element matching `css`, once there are `count` of them.
async fn texts(driver: &WebDriver, css: &str, count: usize) -> WebDriverResult<Vec<String>> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let found = driver.find_all(By::Css(css)).await?;
        if found.len() == count {
            let mut texts = Vec::new();
            for element in found {
                texts.push(element.text().await?.trim().to_string());
            }
            return Ok(texts);
        }
        assert!(std::time::Instant::now() < deadline, "{css}: {} elements, wanted {count}", found.len());
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until the text of `css` contains `expected`.
async fn text_has(driver: &WebDriver, css: &str, expected: &str) -> WebDriverResult<()> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let text = match driver.find(By::Css(css)).await {
            Ok(element) => element.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if text.contains(expected) {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "{css} reads {text:?}, wanted {expected:?}");
        tokio::time::sleep(POLL).await;
    }
}

/// Keeps what the phone shows when `DOORSTEP_DASHBOARD_SCREENSHOTS` names a
/// directory (the docs' pictures are made this way), as `dashboard-{name}.png`.
async fn screenshot(driver: &WebDriver, name: &str) -> WebDriverResult<()> {
    if let Ok(dir) = std::env::var("DOORSTEP_DASHBOARD_SCREENSHOTS") {
        driver.screenshot(&std::path::Path::new(&dir).join(format!("dashboard-{name}.png"))).await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_county_user_reads_its_figures_drills_down_and_follows_up_on_a_phone() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    known_employment_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;
    let api: Value = body(county.get("/api/v1/employment/figures?from=2026-03&to=2026-05").await).await;
    let (_guard, driver) = start_browser().await;
    let result = async {
        log_in(&driver, &app, "hanbin").await?;
        driver.goto(&format!("{}/dashboard?from=2026-03&to=2026-05", app.address)).await?;
        title_becomes(&driver, "统计看板 · 门前就业").await?;

        // Every tile shows the API's figure, in the API's order.
        let tiles = texts(&driver, "#dash-tiles button .number", 8).await?;
        let figures: Vec<String> = api["figures"].as_array().expect("figures").iter().map(|f| f["total"].to_string()).collect();
        assert_eq!(tiles, figures);
        assert_eq!(tiles, ["6", "4", "4", "4", "1", "3", "2", "1"]);
        text_has(&driver, "#dash-wage", "3567").await?;
        screenshot(&driver, "top").await?;
        text_has(&driver, "#retention-3", "在岗 1 / 已回访 2").await?;

        // Bars by area are this county's towns only, and the chosen figure is placed nearby.
        let bars = driver.find_all(By::Css("#chart-areas g[role=button]")).await?;
        assert!(!bars.is_empty());
        for bar in &bars {
            let id = bar.id().await?.unwrap_or_default();
            assert!(id.starts_with("bar-610902"), "{id} is not a Hanbin town");
        }
        assert_eq!(driver.find_all(By::Css("#chart-months g[role=button]")).await?.len(), 3);

        // A figure opens its records; a town's bar narrows them.
        tap_css(&driver, "#tile-pushes").await?;
        text_has(&driver, "#records-count", "6").await?;
        text_has(&driver, "#chart-areas", "4").await?;
        tap_css(&driver, "#bar-610902001").await?;
        text_has(&driver, "#records-count", "4").await?;
        let names = texts(&driver, "#records .name", 4).await?;
        assert_eq!(names, ["周甲", "陈己", "周甲", "郑丙"]);
        // The export link's workbook holds the very numbers on the screen.
        let link = find(&driver, "#dash-xlsx").await?.attr("href").await?.expect("href");
        let book = workbook(&download(&county, &link).await.bytes);
        let exported: Vec<String> = sheet(&book, "汇总")[1..9].iter().map(|row| format!("{}", number(&row[1]))).collect();
        assert_eq!(exported, tiles, "{link}");
        screenshot(&driver, "records").await?;
        assert_targets(&driver, "dashboard", "#records .name").await?;

        // The worklist: the data set's follow-ups are long overdue, the earliest first; record it from the list.
        driver.goto(&format!("{}/follow-ups", app.address)).await?;
        title_becomes(&driver, "回访任务 · 门前就业").await?;
        find(&driver, "#follow-ups article").await?;
        let first = driver.find(By::Css("#follow-ups article")).await?;
        let id = first.id().await?.unwrap_or_default();
        let (placement, month) = id.trim_start_matches("task-").split_once('-').expect("task-{placement}-{month}");
        tap_css(&driver, &format!("#record-{placement}-{month}")).await?;
        tap_css(&driver, "#fu-submit").await?;
        find(&driver, "#fu-result.success").await?;
        tap_css(&driver, "#tab-done").await?;
        find(&driver, &format!("#follow-ups #task-{placement}-{month}")).await?;
        assert_targets(&driver, "follow-ups", "#follow-ups article").await?;
        Ok(())
    }
    .await;
    finish(driver, "dashboard", result).await;
}
