//! The real frontend in headless Chromium over WebDriver: log in through the
//! UI, see who is logged in, switch language, log out.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::helpers::{site_dir, spawn_app, Backend, PASSWORD};

/// Kills chromedriver however the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

async fn start_browser() -> (Driver, WebDriver) {
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {chromedriver} ({e}); `bash .ci/run` installs chromium-driver"));
    let guard = Driver(child);
    let mut caps = DesiredCapabilities::chrome();
    for arg in [
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=360,740",
    ] {
        caps.add_arg(arg).expect("arg");
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match WebDriver::new(format!("http://127.0.0.1:{port}"), caps.clone()).await {
            Ok(driver) => return (guard, driver),
            Err(e) if Instant::now() > deadline => panic!("chromedriver did not come up: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

/// Waits until the app has mounted and finished its first /me call.
async fn wait_ready(driver: &WebDriver) {
    driver
        .query(By::Css("body[data-app-ready='true']"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .expect("app never became ready");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_logs_in_through_the_ui_and_sees_their_name() {
    assert!(
        site_dir().join("index.html").exists(),
        "the frontend is not built at {}; run the tests through `cargo xtask test`",
        site_dir().display()
    );
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

        driver.find(By::Id("logout-button")).await?.click().await?;
        driver.query(By::Id("login-button")).wait(Duration::from_secs(10), Duration::from_millis(100)).first().await?;
        Ok::<_, WebDriverError>(())
    }
    .await;

    driver.quit().await.ok();
    result.expect("browser journey");
}
