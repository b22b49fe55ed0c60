//! "Use my location" in headless Chromium: the browser's position (set
//! through the DevTools protocol, as a phone's GPS would give it) fills the
//! seeker's home point, asked for only on a tap; a refusal is explained in
//! the seeker's language beside the button. Staff upload their bureau's
//! gazetteer of points and read which rows were applied and which were not.

use serde_json::json;

use crate::browser_journeys::job_and_seeker;
use crate::helpers::{body, spawn_app, Backend, PASSWORD};
use crate::webdriver::{find, find_with_text, finish, log_in, start_browser, tap_css};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeker_shares_their_location_on_a_tap_and_a_refusal_is_explained() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let (_, _, person) = job_and_seeker(&app).await;
    app.seeker_of("13900001111", person).await;
    let (_guard, driver) = start_browser().await;
    let devtools = driver.cdp();

    let result = async {
        // Refused first: the browser says no, the page says why, in Chinese.
        devtools.send_raw("Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "denied", "origin": app.address})).await?;
        log_in(&driver, &app, "13900001111").await?;
        driver.goto(format!("{}/profile", app.address)).await?;
        find_with_text(&driver, "#profile-location-status", "只显示同镇").await?;
        tap_css(&driver, "#profile-location-use").await?;
        find_with_text(&driver, "#profile-location-error", "没有获得位置权限").await?;

        // Allowed: the phone's position fills the home point, which is saved.
        devtools.send_raw("Browser.setPermission", json!({"permission": {"name": "geolocation"}, "setting": "granted", "origin": app.address})).await?;
        devtools.send_raw("Emulation.setGeolocationOverride", json!({"latitude": 32.72, "longitude": 109.03, "accuracy": 10})).await?;
        tap_css(&driver, "#profile-location-use").await?;
        find_with_text(&driver, "#profile-location-status", "已使用您所在的位置").await?;
        tap_css(&driver, "#profile-save").await?;
        find(&driver, "#profile-saved").await?;
        Ok(())
    }
    .await;
    finish(driver, "share-location", result).await;

    let staff = app.anonymous();
    staff.login("staff_hanbin", PASSWORD).await;
    let saved = body(staff.get(&format!("/api/v1/people/{person}")).await).await;
    assert_eq!((saved["home_lat"].as_f64(), saved["home_lon"].as_f64()), (Some(32.72), Some(109.03)), "{saved}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_upload_a_gazetteer_and_see_the_row_left_out() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let staff = app.staff("staff_hanbin", "610902").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("乡镇坐标.csv");
    // One good town (GCJ-02, as AMap gives it) and one with a latitude nobody can read.
    std::fs::write(&file, "区划代码,纬度,经度,坐标系\n610902001000,32.70,109.04,gcj02\n610902002000,北纬,109.0,gcj02\n").expect("csv written");
    let unreadable = dir.path().join("names.csv");
    std::fs::write(&unreadable, "名称,纬度\n老城街道,32.7\n").expect("csv written");
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "staff_hanbin").await?;
        // Reached from the priorities page, the staff bar has no room for it.
        tap_css(&driver, "#nav-priorities").await?;
        tap_css(&driver, "#priorities-region-points").await?;
        find_with_text(&driver, "#region-points-columns", "区划代码").await?;
        // Nothing chosen yet: said beside the input, nothing sent.
        tap_css(&driver, "#region-points-upload").await?;
        find_with_text(&driver, "#region-points-file-error", "请先选择文件").await?;
        // A file without the needed columns is refused as a whole, worded beside the input.
        find(&driver, "#region-points-file").await?.send_keys(unreadable.display().to_string()).await?;
        tap_css(&driver, "#region-points-upload").await?;
        find_with_text(&driver, "#region-points-file-problem", "无法读取此文件").await?;
        // Chromedriver sets a file input from a local path typed into it.
        find(&driver, "#region-points-file").await?.send_keys(file.display().to_string()).await?;
        tap_css(&driver, "#region-points-upload").await?;
        find_with_text(&driver, "#region-points-done", "读取 2 行，已更新 1 个区划的坐标").await?;
        let problem = find_with_text(&driver, "#region-points-problems tbody tr", "纬度").await?;
        let cells = problem.find_all(thirtyfour::By::Css("td")).await?;
        assert_eq!(cells.len(), 3);
        assert_eq!((cells[0].text().await?, cells[1].text().await?), ("3".to_string(), "纬度".to_string()));
        let said = cells[2].text().await?;
        assert!(said.contains("不是数字") && said.contains("北纬"), "the problem is worded in Chinese, the value shown: {said}");
        Ok(())
    }
    .await;
    finish(driver, "region-points", result).await;

    let town = body(staff.get("/api/v1/regions/610902001").await).await;
    assert_eq!(town["approximate"], false, "{town}");
    let untouched = body(staff.get("/api/v1/regions/610902002").await).await;
    assert_eq!(untouched["approximate"], true, "{untouched}");
}
