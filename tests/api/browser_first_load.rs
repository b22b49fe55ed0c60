//! The first visit, as a phone on a weak signal meets it: what it downloads
//! (the shell and the main module, under a byte budget; no role's pages,
//! nor a logged-in user's home, nor the search filters until opened),
//! that nothing it asks for fails (no console errors for visitors), and that
//! a role's pages arrive on first use.

use serde_json::Value;
use thirtyfour::prelude::*;

use crate::helpers::{posting_json, spawn_app, Backend, TestApp};
use crate::webdriver::{choose, find, find_with_text, finish, log_in, start_browser, tap_css, type_into, wait_ready};

/// Bytes a first visit to a public page may transfer (HTML, JS and
/// WebAssembly as sent, with headers). The target is 150 KB of what is sent
/// (149.7 KB brotli today: the main module is 141 KB, down from 301 KB
/// unsplit, 211 KB with `leptos_router`, 177 KB before a seeker's applying,
/// a user's home and the search filters became modules of their own, and
/// 152 KB before the English, the seeker's and the employer's texts were
/// fetched when wanted and loading sections lost their `ErrorBoundary`);
/// with headers a first visit transfers about 150.9 KB. This guards against
/// growth. Lower it as the module shrinks; never raise it.
const FIRST_LOAD_BUDGET: f64 = 152_000.0;

/// What the page has loaded so far, from the browser's own Resource Timing:
/// `{bytes, failed, modules, strings, postings}` — bytes of the document and
/// `/pkg/` files as transferred, every request that answered 4xx or 5xx, the
/// names of lazily loaded modules and string files, and every request for
/// postings with what started it (`link` for `index.html`'s head start).
const LOADED: &str = r#"
const nav = performance.getEntriesByType("navigation")[0];
const resources = performance.getEntriesByType("resource");
const code = resources.filter(r => r.name.includes("/pkg/"));
return {
  bytes: nav.transferSize + code.reduce((sum, r) => sum + r.transferSize, 0),
  modules: code.map(r => r.name.split("/").pop()).filter(n => n.startsWith("split_")),
  strings: code.map(r => r.name.split("/").pop()).filter(n => n.startsWith("strings-")),
  failed: [nav, ...resources].filter(r => r.responseStatus >= 400).map(r => r.name + " " + r.responseStatus),
  postings: resources.filter(r => r.name.includes("/api/v1/postings")).map(r => [r.name.replace(location.origin, ""), r.initiatorType]),
};
"#;

async fn loaded(driver: &WebDriver) -> WebDriverResult<Value> {
    Ok(driver.execute(LOADED, Vec::new()).await?.json().clone())
}

async fn open_posting(app: &TestApp) -> i64 {
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902001").await;
    admin.open_posting(app, &posting_json(employer)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitors_first_load_stays_in_budget_and_asks_nothing_that_fails() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let posting = open_posting(&app).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(format!("{}/jobs?q=缝纫", app.address)).await?;
        find(&driver, ".posting-card").await?;
        wait_ready(&driver).await;
        assert!(driver.find_all(By::Id("shell")).await?.is_empty(), "the app took over the static shell");
        let first = loaded(&driver).await?;
        let bytes = first["bytes"].as_f64().expect("bytes");
        assert!(bytes > 50_000.0, "the measurement sees the download: {first}");
        assert!(bytes <= FIRST_LOAD_BUDGET, "first load of /jobs is {bytes} bytes, over {FIRST_LOAD_BUDGET}");
        assert_eq!(first["modules"], serde_json::json!([]), "no role's pages on a public first visit");
        assert_eq!(first["strings"], serde_json::json!([]), "a visit in Chinese fetches no texts: the main module carries them");
        assert_eq!(first["failed"], serde_json::json!([]), "a visitor's requests all succeed");
        // index.html asked for the results while the app downloaded, and the
        // app took that answer rather than asking again.
        let search = "/api/v1/postings?q=%E7%BC%9D%E7%BA%AB&page=1&per_page=10";
        assert_eq!(first["postings"], serde_json::json!([[search, "link"]]), "the search was asked for once, by index.html");

        for path in [format!("/postings/{posting}"), "/".to_string()] {
            driver.goto(format!("{}{path}", app.address)).await?;
            wait_ready(&driver).await;
            let seen = loaded(&driver).await?;
            assert_eq!(seen["failed"], serde_json::json!([]), "{path}: a visitor's requests all succeed");
            assert_eq!(seen["modules"], serde_json::json!([]), "{path}: public pages are in the main module");
            if path.starts_with("/postings/") {
                find(&driver, "#posting-detail").await?;
                let asked = serde_json::json!([[format!("/api/v1/postings/{posting}"), "link"]]);
                assert_eq!(loaded(&driver).await?["postings"], asked, "the posting was asked for once, by index.html");
            }
        }
        Ok(())
    }
    .await;
    finish(driver, "first-load-visitor", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_pages_load_on_first_use() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    app.create_user("staff", "staff_hanbin", Some("610902"), None).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "staff_hanbin").await?;
        let home = loaded(&driver).await?["modules"].clone();
        let home: Vec<&str> = home.as_array().expect("list").iter().filter_map(Value::as_str).collect();
        assert!(home.len() == 1 && home[0].starts_with("split_home_page"), "a user's home is one module of its own: {home:?}");
        tap_css(&driver, "#nav-review").await?;
        find(&driver, "h1.page-title").await?;
        let modules = loaded(&driver).await?["modules"].clone();
        let names: Vec<&str> = modules.as_array().expect("list").iter().filter_map(Value::as_str).collect();
        assert!(names.iter().any(|n| n.starts_with("split_staff_pages")), "the staff module arrived: {names:?}");
        assert!(!names.iter().any(|n| n.starts_with("split_employer_pages")), "and only what was used: {names:?}");
        Ok(())
    }
    .await;
    finish(driver, "first-load-staff", result).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_training_pages_load_on_first_use_and_staff_forms_stay_behind() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(format!("{}/jobs", app.address)).await?;
        wait_ready(&driver).await;
        let first = loaded(&driver).await?;
        assert_eq!(first["modules"], serde_json::json!([]), "no training code on a public first visit");
        assert_eq!(first["strings"], serde_json::json!([]), "nor training texts");
        // Its own group and texts arrive on first use, with the page in Chinese.
        driver.goto(format!("{}/training", app.address)).await?;
        find(&driver, "#training-form").await?;
        let heading = find(&driver, "main h1").await?.text().await?;
        assert!(heading.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "the page speaks Chinese: {heading:?}");
        assert_eq!(loaded(&driver).await?["strings"], serde_json::json!(["strings-training.txt"]), "the training texts came with the page");
        let modules = loaded(&driver).await?["modules"].clone();
        let names: Vec<&str> = modules.as_array().expect("list").iter().filter_map(Value::as_str).collect();
        assert!(names.iter().any(|n| n.starts_with("split_training_pages")), "the training module arrived: {names:?}");
        assert!(!names.iter().any(|n| n.starts_with("split_course_pages")), "not staff's course forms: {names:?}");
        assert_eq!(loaded(&driver).await?["failed"], serde_json::json!([]), "a visitor's requests all succeed");
        Ok(())
    }
    .await;
    finish(driver, "first-load-training", result).await;
}

/// The main module carries the Chinese of its texts only. A visitor who
/// switches to English fetches its texts then; one who chose English last
/// time gets them with the module (index.html asks for them from the head),
/// so the app's first frame is already in English.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_is_fetched_when_first_wanted_and_then_shows_from_the_first_frame() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(format!("{}/jobs", app.address)).await?;
        wait_ready(&driver).await;
        assert_eq!(find(&driver, "main h1").await?.text().await?, "找工作");
        assert_eq!(loaded(&driver).await?["strings"], serde_json::json!([]));
        tap_css(&driver, "#lang-switch").await?;
        find_with_text(&driver, "main h1", "Find a job").await?;
        assert_eq!(loaded(&driver).await?["strings"], serde_json::json!(["strings-en.txt"]), "English came when it was wanted");

        driver.refresh().await?;
        wait_ready(&driver).await;
        // Read at once, without waiting: the app started in English.
        assert_eq!(driver.find(By::Css("main h1")).await?.text().await?, "Find a job");
        assert_eq!(driver.find(By::Css("html")).await?.attr("lang").await?.as_deref(), Some("en"));
        let seen = loaded(&driver).await?;
        // Once: the app's request took the answer to index.html's.
        assert_eq!(seen["strings"], serde_json::json!(["strings-en.txt"]), "{seen}");
        assert_eq!(seen["failed"], serde_json::json!([]), "{seen}");

        tap_css(&driver, "#lang-switch").await?;
        find_with_text(&driver, "main h1", "找工作").await?;
        Ok(())
    }
    .await;
    finish(driver, "first-load-english", result).await;
}

/// The app's own address handling (`frontend/src/location.rs`): its links
/// change the page without reloading the document, the back and forward
/// buttons return to the same search, and links that are not pages (a
/// download, the server's files) are left to the browser.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_stay_in_the_app_and_back_returns_to_the_same_search() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let posting = open_posting(&app).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(format!("{}/jobs?q=缝纫", app.address)).await?;
        wait_ready(&driver).await;
        // A mark on the document: it survives only if the document does.
        driver.execute("window.sameDocument = true;", Vec::new()).await?;
        let same_document = r#"return window.sameDocument === true;"#;
        tap_css(&driver, &format!("#search-results #posting-{posting} h2 a")).await?;
        find(&driver, "#posting-detail").await?;
        assert!(driver.current_url().await?.path().ends_with(&format!("/postings/{posting}")), "the address follows");
        assert_eq!(driver.execute(same_document, Vec::new()).await?.json(), &Value::Bool(true), "no reload on a link");
        assert_eq!(driver.title().await?.split(" · ").count(), 2, "the title names the page");

        driver.back().await?;
        let query = find(&driver, "#search-q").await?;
        assert_eq!(query.prop("value").await?.as_deref(), Some("缝纫"), "back to the same search");
        find(&driver, &format!("#search-results #posting-{posting}")).await?;
        assert!(driver.current_url().await?.as_str().contains("q="), "with its address");
        driver.forward().await?;
        find(&driver, "#posting-detail").await?;
        assert_eq!(driver.execute(same_document, Vec::new()).await?.json(), &Value::Bool(true), "nor on back and forward");

        // A new search is a new address, and the bar's links move within the app too.
        driver.back().await?;
        type_into(&driver, "#search-q", "厨师").await?;
        tap_css(&driver, "#search-button").await?;
        find(&driver, "#search-empty").await?;
        assert!(driver.current_url().await?.as_str().contains("q=%E5%8E%A8%E5%B8%88"), "the new words are in the address");
        tap_css(&driver, "#nav-home").await?;
        find(&driver, "#username").await?;
        assert_eq!(driver.execute(same_document, Vec::new()).await?.json(), &Value::Bool(true), "the bar's links stay in the app");

        // The app takes a click on a page link, not on a download link: a
        // listener after the app's sees whether the app prevented the
        // browser's own handling (then prevents it, so nothing downloads).
        let app_took = r#"
            const a = document.createElement("a");
            a.href = arguments[0];
            if (arguments[1]) a.download = "";
            document.body.append(a);
            let taken = null;
            window.addEventListener("click", e => { taken = e.defaultPrevented; e.preventDefault(); }, {once: true});
            a.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, button: 0}));
            a.remove();
            return taken;
        "#;
        let took = |href: &str, download: bool| driver.execute(app_took, vec![Value::from(href), Value::Bool(download)]);
        assert_eq!(took("/api/v1/figures/employment.csv", true).await?.json(), &Value::Bool(false), "a download stays the browser's");
        assert_eq!(took("/api/v1/figures/employment.csv", false).await?.json(), &Value::Bool(false), "so does a server file");
        assert_eq!(took("/jobs?q=%E8%8C%B6", false).await?.json(), &Value::Bool(true), "a page link is the app's");
        find(&driver, "#search-form").await?;
        assert_eq!(driver.execute(same_document, Vec::new()).await?.json(), &Value::Bool(true), "and it stays in the document");
        Ok(())
    }
    .await;
    finish(driver, "first-load-links", result).await;
}

/// The job search's filters are a module of their own: a search by words
/// never fetches it; opening "more filters" does, and they then narrow the
/// search; an address holding a filter opens them with it chosen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_filters_load_when_opened_and_narrow_the_results() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let hanbin = admin.open_posting(&app, &posting_json(app.employer_in(&admin, "610902001").await)).await;
    let mut elsewhere = posting_json(app.employer_in(&admin, "610921100").await);
    elsewhere["region_code"] = "610921100".into();
    let hanyin = admin.open_posting(&app, &elsewhere).await;
    let (_guard, driver) = start_browser().await;

    let result = async {
        driver.goto(format!("{}/jobs?q=缝纫", app.address)).await?;
        find(&driver, &format!("#search-results #posting-{hanbin}")).await?;
        find(&driver, &format!("#search-results #posting-{hanyin}")).await?;
        wait_ready(&driver).await;
        let modules = |seen: Value| seen["modules"].as_array().expect("list").iter().filter_map(Value::as_str).map(str::to_owned).collect::<Vec<_>>();
        let before = modules(loaded(&driver).await?);
        assert!(!before.iter().any(|n| n.starts_with("split_search_filters")), "words alone need no filters: {before:?}");
        assert!(driver.find_all(By::Id("search-region-county")).await?.is_empty(), "the filters wait to be opened");

        tap_css(&driver, "#search-filters summary").await?;
        choose(&driver, "#search-region-county", "610921").await?;
        let after = modules(loaded(&driver).await?);
        assert!(after.iter().any(|n| n.starts_with("split_search_filters")), "opening them fetched their module: {after:?}");
        tap_css(&driver, "#search-apply").await?;
        find_with_text(&driver, "#search-total", "1").await?;
        find(&driver, &format!("#search-results #posting-{hanyin}")).await?;
        assert!(driver.find_all(By::Id(format!("posting-{hanbin}"))).await?.is_empty(), "only the chosen county's job");
        assert!(driver.current_url().await?.as_str().contains("region=610921"), "the filter is in the address");

        // The same address again: the filters open at once, with the county chosen.
        driver.refresh().await?;
        let county = find(&driver, "#search-region-county option[value='610921']:checked").await?;
        assert_eq!(county.value().await?.as_deref(), Some("610921"));
        assert_eq!(find(&driver, "#search-filters").await?.attr("open").await?.as_deref(), Some("true"), "the filters are open");
        find(&driver, &format!("#search-results #posting-{hanyin}")).await?;
        Ok(())
    }
    .await;
    finish(driver, "first-load-filters", result).await;
}
