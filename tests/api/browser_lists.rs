//! Lists, pickers, touch targets, titles and the bottom bar in headless
//! Chromium at 360 px: staff reach the 55th posting of the review queue
//! through the pager and find a person and a posting by typing part of
//! their name; an admin reads the audit log; a one-character search dims the
//! old results and finds only what it names; every link and button is at
//! least 44x44 and a tap anywhere on a job card opens it; each page names
//! itself and the bottom bar marks where the user is.

use serde_json::{json, Value};
use thirtyfour::prelude::*;

use crate::helpers::{id_number, person_json, posting_json, spawn_app, Backend, Client, TestApp};
use crate::webdriver::{assert_targets, find, find_with_text, log_in, tap_css, title_becomes, type_into};
use crate::webdriver::{keep_evidence, start_browser, wait_ready, PATIENCE, POLL};

/// Creates `n` postings by the employer, pending review, titled by `title(i)`; ids in creation order.
async fn pending_postings(employer: &Client, employer_id: i64, n: usize, title: impl Fn(usize) -> String) -> Vec<i64> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let mut p = posting_json(employer_id);
        p["title"] = json!(title(i));
        let res = employer.post_json("/api/v1/postings", &p).await;
        assert_eq!(res.status(), reqwest::StatusCode::CREATED);
        ids.push(res.json::<Value>().await.expect("json")["id"].as_i64().expect("id"));
    }
    ids
}

/// Opens a path of the app and waits until it has started.
async fn open(driver: &WebDriver, app: &TestApp, path: &str) -> WebDriverResult<()> {
    driver.goto(&format!("{}{path}", app.address)).await?;
    wait_ready(driver).await;
    Ok(())
}

/// Whether the bottom-bar link `nav_id` is marked as the current page.
async fn is_current(driver: &WebDriver, nav_id: &str) -> WebDriverResult<bool> {
    Ok(find(driver, &format!("#{nav_id}")).await?.attr("aria-current").await?.as_deref() == Some("page"))
}

async fn run(driver: WebDriver, name: &str, journey: impl std::future::Future<Output = WebDriverResult<()>>) {
    let result = journey.await;
    if result.is_err() {
        keep_evidence(&driver, name).await;
    }
    driver.quit().await.ok();
    result.expect(name);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_reach_the_55th_pending_posting_and_pick_people_and_postings_by_typing() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    app.create_user("staff", "staff_laocheng", Some("610902"), None).await;
    let staff = app.staff("staff_api", "610902").await;
    let pending = pending_postings(&employer, employer_id, 55, |i| format!("包装工{i}")).await;
    let open = pending_postings(&employer, employer_id, 25, |i| if i == 0 { "富硒采茶工".into() } else { format!("缝纫工{i}") }).await;
    for id in &open {
        assert_eq!(staff.post_json(&format!("/api/v1/postings/{id}/approve"), &json!({})).await.status(), reqwest::StatusCode::OK);
    }
    for seq in 1..=22 {
        staff.register_person(&person_json(&format!("李{}", char::from_u32(0x4E00 + u32::from(seq)).expect("han")), &id_number("610902", 1980, seq))).await;
    }
    let older = staff.register_person(&person_json("王秀英", &id_number("610902", 1968, 31))).await;
    staff.register_person(&person_json("王秀英", &id_number("610902", 1991, 32))).await;
    let (_guard, driver) = start_browser().await;

    run(driver.clone(), "lists-staff", async {
        log_in(&driver, &app, "staff_laocheng").await?;
        tap_css(&driver, "#nav-review").await?;
        find_with_text(&driver, "#list-total", "共 55 条").await?;
        find_with_text(&driver, "#pager-info", "第 1 页 / 共 3 页").await?;
        tap_css(&driver, "#pager-next").await?;
        find_with_text(&driver, "#pager-info", "第 2 页").await?;
        tap_css(&driver, "#pager-next").await?;
        // Newest first: the first posting made is the 55th in the queue.
        find_with_text(&driver, &format!("#review-queue #posting-{}", pending[0]), "包装工0").await?;

        tap_css(&driver, "#nav-refer").await?;
        type_into(&driver, "#people-q", "秀英").await?;
        let first = find_with_text(&driver, &format!("#person-{older}"), "1968 年生").await?;
        let text = first.text().await?;
        assert!(text.contains("老城") && text.contains("****") && !text.contains("19680615"), "namesake told apart: {text}");
        find_with_text(&driver, "#people-results", "1991 年生").await?;
        tap_css(&driver, &format!("#pick-person-{older}")).await?;
        find_with_text(&driver, "#chosen-person", "王秀英").await?;
        // The tea posting is the oldest of 25 open ones: past the first 20, found by typing.
        find_with_text(&driver, "#postings-count", "共 25 个").await?;
        type_into(&driver, "#refer-posting-q", "采茶").await?;
        crate::webdriver::choose(&driver, "#refer-posting", &open[0].to_string()).await?;
        tap_css(&driver, "#refer-submit").await?;
        find_with_text(&driver, "#refer-result.success", "已推荐").await?;
        title_becomes(&driver, "推荐人员 · 门前就业").await?;
        assert!(is_current(&driver, "nav-refer").await?, "the bar marks 推荐");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_pages_through_the_audit_log_from_the_bottom_bar() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    app.create_user("admin", "admin_ui", None, None).await;
    let staff = app.staff("staff_api", "610902").await;
    for seq in 1..=55 {
        staff.register_person(&person_json("张秀兰", &id_number("610902", 1975, seq))).await;
    }
    let (_guard, driver) = start_browser().await;

    run(driver.clone(), "lists-audit", async {
        log_in(&driver, &app, "admin_ui").await?;
        tap_css(&driver, "#nav-audit").await?;
        title_becomes(&driver, "审计日志 · 门前就业").await?;
        find_with_text(&driver, "#list-total", "共 55 条").await?;
        find_with_text(&driver, "#audit-log .audit-entry", "登记了人员").await?;
        tap_css(&driver, "#pager-next").await?;
        find_with_text(&driver, "#pager-info", "第 2 页 / 共 2 页").await?;
        let last_page = driver.query(By::Css("#audit-log .audit-entry")).wait(PATIENCE, POLL).all_from_selector_required().await?;
        assert_eq!(last_page.len(), 5, "entries 51 to 55");
        assert!(is_current(&driver, "nav-audit").await?);
        assert_targets(&driver, "/audit", "#audit-log").await?;
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_character_search_dims_the_old_results_and_finds_only_what_it_names() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    admin.open_posting(&app, &posting_json(employer_id)).await;
    let mut tea = posting_json(employer_id);
    tea["title"] = json!("采茶工");
    tea["description"] = json!("富硒茶园春茶采摘，日结工资");
    tea["skills"] = json!(["tea_picking"]);
    let tea_id = admin.open_posting(&app, &tea).await;
    let (_guard, driver) = start_browser().await;

    run(driver.clone(), "lists-search", async {
        open(&driver, &app, "/jobs").await?;
        find_with_text(&driver, "#search-total", "共 2 个岗位").await?;
        title_becomes(&driver, "找工作 · 门前就业").await?;
        // Record whether the old results were ever dimmed under a loading sign.
        driver
            .execute(
                r#"window.__dimmed = false;
                   new MutationObserver(() => {
                       const answer = document.getElementById('search-answer');
                       if (answer && answer.classList.contains('dimmed') && document.getElementById('search-loading')) window.__dimmed = true;
                   }).observe(document.body, { subtree: true, childList: true, attributes: true });"#,
                vec![],
            )
            .await?;
        type_into(&driver, "#search-q", "茶").await?;
        tap_css(&driver, "#search-button").await?;
        find_with_text(&driver, "#search-total", "共 1 个岗位").await?;
        let cards = driver.find_all(By::Css("#search-results .posting-card")).await?;
        assert_eq!(cards.len(), 1, "only the tea job");
        assert_eq!(cards[0].attr("data-id").await?, Some(tea_id.to_string()));
        let dimmed = driver.execute("return window.__dimmed;", vec![]).await?.json().clone();
        assert_eq!(dimmed, Value::Bool(true), "the old results were dimmed while searching");
        assert!(driver.find_all(By::Css("#search-loading")).await?.is_empty(), "the loading sign goes away");
        assert_targets(&driver, "/jobs?q=茶", "#search-results").await?;
        // A tap on the wage, not the title, opens the posting: the title's link covers the card.
        let wage = cards[0].find(By::Css(".wage")).await?;
        wage.scroll_into_view().await?;
        driver.action_chain().move_to_element_center(&wage).click().perform().await?;
        find_with_text(&driver, "#posting-title", "采茶工").await?;
        title_becomes(&driver, "岗位详情 · 门前就业").await?;
        assert!(is_current(&driver, "nav-jobs").await?, "a posting belongs to the job search");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_has_44px_targets_its_own_title_and_the_right_bar_highlight() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let posting = admin.open_posting(&app, &posting_json(employer_id)).await;
    app.create_user("employer", "employer_zhang", None, Some(employer_id)).await;
    app.create_user("staff", "staff_laocheng", Some("610902"), None).await;
    let (_guard, driver) = start_browser().await;

    run(driver.clone(), "lists-targets", async {
        // A visitor.
        for (path, ready, title) in [
            ("/", "#login-button", "登录 · 门前就业"),
            ("/jobs", "#search-results", "找工作 · 门前就业"),
            (&format!("/postings/{posting}") as &str, "#posting-title", "岗位详情 · 门前就业"),
            ("/for-me", "main h1", "为我推荐 · 门前就业"),
        ] {
            open(&driver, &app, path).await?;
            assert_targets(&driver, path, ready).await?;
            title_becomes(&driver, title).await?;
        }
        // No page here: nothing waits for /me, so the app never says it is ready.
        driver.goto(&format!("{}/nowhere", app.address)).await?;
        assert_targets(&driver, "/nowhere", "main h1 + a").await?;
        title_becomes(&driver, "页面不存在 · 门前就业").await?;

        // An employer: a posting is under the job search, not under 发布岗位.
        log_in(&driver, &app, "employer_zhang").await?;
        title_becomes(&driver, "首页 · 门前就业").await?;
        for (path, ready, title, nav) in [
            (format!("/postings/{posting}"), "#posting-title", "岗位详情 · 门前就业", "nav-jobs"),
            ("/post".to_string(), "#post-title", "发布岗位 · 门前就业", "nav-post"),
            ("/my-postings".to_string(), "#my-postings", "我的岗位 · 门前就业", "nav-postings"),
            (format!("/manage/{posting}"), "main h1", "管理岗位 · 门前就业", "nav-postings"),
        ] {
            open(&driver, &app, &path).await?;
            assert_targets(&driver, &path, ready).await?;
            title_becomes(&driver, title).await?;
            assert!(is_current(&driver, nav).await?, "{nav} marked on {path}");
            let marked = driver.find_all(By::Css("#nav a[aria-current=page]")).await?;
            assert_eq!(marked.len(), 1, "one destination marked on {path}");
        }
        tap_css(&driver, "#nav-home").await?;
        tap_css(&driver, "#logout-button").await?;

        // Staff.
        log_in(&driver, &app, "staff_laocheng").await?;
        for (path, ready, title, nav) in [
            ("/review", "main h1", "审核岗位 · 门前就业", "nav-review"),
            ("/refer", "#people-q", "推荐人员 · 门前就业", "nav-refer"),
            ("/placements", "main h1", "就业登记 · 门前就业", "nav-placements"),
            ("/my-postings", "#my-postings", "我的岗位 · 门前就业", "nav-postings"),
            ("/priorities", "#priorities-form", "优先帮扶类别 · 门前就业", "nav-priorities"),
            ("/region-points", "#region-points-form", "导入区划坐标 · 门前就业", "nav-priorities"),
        ] {
            open(&driver, &app, path).await?;
            assert_targets(&driver, path, ready).await?;
            title_becomes(&driver, title).await?;
            assert!(is_current(&driver, nav).await?, "{nav} marked on {path}");
        }
        Ok(())
    })
    .await;
}
