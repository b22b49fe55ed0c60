//! "Use my location" in headless Chromium: the browser's position (set
//! through the DevTools protocol, as a phone's GPS would give it) fills the
//! seeker's home point, asked for only on a tap; a refusal is explained in
//! the seeker's language beside the button.

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
