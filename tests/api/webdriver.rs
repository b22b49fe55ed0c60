//! Headless Chromium over WebDriver for the browser tests: chromedriver on a
//! free port (killed however the test ends), a phone-sized window, and the
//! waits every journey needs.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::helpers::site_dir;

/// Kills chromedriver however the test ends.
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// A phone-sized headless Chromium (360x740, like the cheap Android phones seekers use).
pub async fn start_browser() -> (Driver, WebDriver) {
    assert!(
        site_dir().join("index.html").exists(),
        "the frontend is not built at {}; run the tests through `cargo xtask test`",
        site_dir().display()
    );
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
        "--lang=zh-CN",
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

/// Keeps the page's HTML and a screenshot when a journey fails, and says where.
pub async fn keep_evidence(driver: &WebDriver, name: &str) {
    let dir = std::env::temp_dir().join(format!("doorstep-{name}-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    if let Ok(html) = driver.source().await {
        let _ = std::fs::write(dir.join("page.html"), html);
    }
    let _ = driver.screenshot(&dir.join("page.png")).await;
    eprintln!("browser evidence kept in {}", dir.display());
}

/// Waits until the app has mounted and finished its first /me call.
pub async fn wait_ready(driver: &WebDriver) {
    driver
        .query(By::Css("body[data-app-ready='true']"))
        .wait(Duration::from_secs(20), Duration::from_millis(100))
        .first()
        .await
        .expect("app never became ready");
}
