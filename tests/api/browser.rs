//! The real frontend in headless Chromium over WebDriver: log in through the
//! UI, see who is logged in, switch language, log out.

use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::helpers::{spawn_app, Backend, PASSWORD};
use crate::webdriver::{start_browser, tap_css, wait_ready};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_logs_in_through_the_ui_and_sees_their_name() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    app.create_user("staff", "staff_hanbin", Some("610902"), None).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(&app.address).await?;
        wait_ready(&driver).await;
        driver.find(By::Id("username")).await?.send_keys("staff_hanbin").await?;
        driver.find(By::Id("password")).await?.send_keys("wrong password").await?;
        driver.find(By::Id("login-button")).await?.click().await?;
        let error = driver.query(By::Id("login-error")).wait(Duration::from_secs(10), Duration::from_millis(100)).first().await?;
        assert!(error.text().await?.contains("用户名或密码错误"), "error shown in Chinese");

        let password = driver.find(By::Id("password")).await?;
        password.clear().await?;
        password.send_keys(PASSWORD).await?;
        driver.find(By::Id("login-button")).await?.click().await?;
        let whoami = driver.query(By::Id("whoami")).wait(Duration::from_secs(10), Duration::from_millis(100)).first().await?;
        assert!(whoami.text().await?.contains("staff_hanbin 的名字"), "display name shown");
        assert_eq!(driver.find(By::Id("role")).await?.text().await?.trim(), "民政工作人员");

        driver.find(By::Id("lang-switch")).await?.click().await?;
        let role = driver.find(By::Id("role")).await?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while role.text().await?.trim() != "Civil-affairs staff" {
            assert!(Instant::now() < deadline, "role not translated: {}", role.text().await?);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        driver.refresh().await?;
        wait_ready(&driver).await;
        let whoami = driver.query(By::Id("whoami")).wait(Duration::from_secs(10), Duration::from_millis(100)).first().await?;
        assert!(whoami.text().await?.contains("staff_hanbin 的名字"), "session survives a reload");

        // Below the home tiles: scrolled clear of the bottom bar first, as a thumb would.
        tap_css(&driver, "#logout-button").await?;
        driver.query(By::Id("login-button")).wait(Duration::from_secs(10), Duration::from_millis(100)).first().await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    driver.quit().await.ok();
    result.expect("browser journey");
}
