//! Headless Chromium over WebDriver for the browser tests: chromedriver on a
//! free port (killed however the test ends), a phone-sized window, and the
//! waits and gestures every journey needs.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::components::SelectElement;
use thirtyfour::error::WebDriverErrorInner;
use thirtyfour::prelude::*;
use thirtyfour::stringmatch::StringMatch;

use crate::helpers::{site_dir, TestApp, PASSWORD};

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
    assert!(site_dir().join("index.html").exists(), "the frontend is not built at {}; run the tests through `cargo xtask test`", site_dir().display());
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
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=360,740",
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

/// How long any one thing may take to appear: generous, for a loaded 2-core machine.
pub const PATIENCE: Duration = Duration::from_secs(20);
pub const POLL: Duration = Duration::from_millis(100);

/// Waits for the first element matching `css`.
pub async fn find(driver: &WebDriver, css: &str) -> WebDriverResult<WebElement> {
    driver.query(By::Css(css)).wait(PATIENCE, POLL).desc(css).first().await
}

/// Waits for an element matching `css` whose text contains `text`.
pub async fn find_with_text(driver: &WebDriver, css: &str, text: &str) -> WebDriverResult<WebElement> {
    driver.query(By::Css(css)).wait(PATIENCE, POLL).with_text(StringMatch::new(text).partial()).desc(&format!("{css} containing {text:?}")).first().await
}

/// Scrolls an element to the top of the screen (clear of the bottom navigation bar) and taps it.
pub async fn tap(element: &WebElement) -> WebDriverResult<()> {
    element.scroll_into_view().await?;
    element.click().await
}

/// Waits for an element and taps it.
pub async fn tap_css(driver: &WebDriver, css: &str) -> WebDriverResult<()> {
    let element = find(driver, css).await?;
    element.wait_until().wait(PATIENCE, POLL).enabled().await?;
    tap(&element).await
}

/// Types into a field, replacing what it held.
/// A page that is still settling (a session answer rebuilding it) may replace
/// the field between finding and typing; then it is found again, once.
pub async fn type_into(driver: &WebDriver, css: &str, text: &str) -> WebDriverResult<()> {
    let attempt = || async {
        let field = find(driver, css).await?;
        field.clear().await?;
        field.send_keys(text).await
    };
    match attempt().await {
        Err(e) if matches!(e.as_inner(), WebDriverErrorInner::StaleElementReference(_)) => attempt().await,
        done => done,
    }
}

/// Picks an option of a drop-down once that option has loaded.
pub async fn choose(driver: &WebDriver, select_css: &str, value: &str) -> WebDriverResult<()> {
    find(driver, &format!("{select_css} option[value='{value}']")).await?;
    let select = find(driver, select_css).await?;
    select.scroll_into_view().await?;
    SelectElement::new(&select).await?.select_by_value(value).await
}

/// Opens the app and logs in through the form on the start page.
pub async fn log_in(driver: &WebDriver, app: &TestApp, username: &str) -> WebDriverResult<()> {
    driver.goto(&app.address).await?;
    driver.query(By::Css("body[data-app-ready='true']")).wait(PATIENCE, POLL).first().await?;
    type_into(driver, "#username", username).await?;
    type_into(driver, "#password", PASSWORD).await?;
    tap_css(driver, "#login-button").await?;
    find(driver, "#whoami").await?;
    Ok(())
}

/// Logs out from the home page and waits for the login form.
pub async fn log_out(driver: &WebDriver) -> WebDriverResult<()> {
    tap_css(driver, "#nav-home").await?;
    tap_css(driver, "#logout-button").await?;
    find(driver, "#login-button").await?;
    Ok(())
}

/// Waits until the document title is `expected`.
pub async fn title_becomes(driver: &WebDriver, expected: &str) -> WebDriverResult<()> {
    let deadline = std::time::Instant::now() + PATIENCE;
    loop {
        let title = driver.title().await?;
        if title == expected {
            return Ok(());
        }
        assert!(std::time::Instant::now() < deadline, "title {title:?}, wanted {expected:?}");
        tokio::time::sleep(POLL).await;
    }
}

/// Every visible link, button and disclosure on the page: (id or text, width, height) in CSS px.
pub async fn targets(driver: &WebDriver) -> WebDriverResult<Vec<(String, u32, u32)>> {
    let script = r#"
        return Array.from(document.querySelectorAll('a[href], button, summary'))
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
            .map(e => { const r = e.getBoundingClientRect();
                        return [e.id || e.textContent.trim().slice(0, 20), Math.floor(r.width), Math.floor(r.height)]; });
    "#;
    Ok(serde_json::from_value(driver.execute(script, vec![]).await?.json().clone()).expect("list"))
}

/// Asserts the page's targets are all at least 44x44 once `ready_css` is on screen.
pub async fn assert_targets(driver: &WebDriver, page: &str, ready_css: &str) -> WebDriverResult<()> {
    find(driver, ready_css).await?;
    let all = targets(driver).await?;
    let small: Vec<_> = all.iter().filter(|(_, w, h)| *w < 44 || *h < 44).collect();
    assert!(all.len() >= 3, "the bottom bar's links at least, on {page}: {all:?}");
    assert!(small.is_empty(), "touch targets under 44x44 on {page}: {small:?}");
    Ok(())
}

/// Ends a journey: keeps the evidence if it failed, closes the browser, and
/// fails the test with the journey's error.
pub async fn finish(driver: WebDriver, name: &str, result: WebDriverResult<()>) {
    if result.is_err() {
        keep_evidence(&driver, name).await;
    }
    driver.quit().await.ok();
    result.unwrap_or_else(|e| panic!("{name} journey: {e}"));
}
