//! The imports page in headless Chromium: staff reach it from the home
//! tiles, check a roster (nothing written), read the row left out with its
//! problem, find the error sheet's links, then import.

use crate::helpers::{count_rows, id_number, spawn_app, Backend};
use crate::webdriver::{find, find_with_text, finish, log_in, start_browser, tap_css};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_check_a_roster_read_the_row_left_out_and_import_the_rest() {
    let app = spawn_app(Backend::Sqlite, Default::default()).await.expect("app");
    app.staff("staff_hanbin", "610902").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("低保花名册.csv");
    let roster = format!("姓名,身份证号,手机号,户籍地\n王秀英,{},13800001234,老城街道\n李四,6.10902E+17,13800001235,老城街道\n", id_number("610902", 1980, 12));
    std::fs::write(&file, roster).expect("csv written");
    let (_guard, driver) = start_browser().await;

    let result = async {
        log_in(&driver, &app, "staff_hanbin").await?;
        // The staff bar is full: a home tile leads there.
        tap_css(&driver, "#tile-imports").await?;
        find_with_text(&driver, "#imports-columns", "身份证号").await?;
        // Chromedriver sets a file input from a local path typed into it.
        find(&driver, "#imports-file").await?.send_keys(file.display().to_string()).await?;
        tap_css(&driver, "#imports-check").await?;
        find_with_text(&driver, "#imports-done", "检查完毕：共 2 行，1 行可以导入").await?;
        let problem = find_with_text(&driver, "#imports-problems tbody tr", "6.10902E+17").await?;
        let cells = problem.find_all(thirtyfour::By::Css("td")).await?;
        assert_eq!((cells[0].text().await?, cells[1].text().await?), ("3".to_string(), "身份证号".to_string()));
        let sheet = find(&driver, "#imports-sheet a").await?.attr("href").await?.unwrap_or_default();
        assert!(sheet.starts_with("/api/v1/imports/") && sheet.ends_with("/errors?format=xlsx"), "{sheet}");
        tap_css(&driver, "#imports-run").await?;
        find_with_text(&driver, "#imports-done", "已导入 1 行").await?;
        Ok(())
    }
    .await;
    finish(driver, "imports", result).await;
    assert_eq!(count_rows(&app, "people").await, 1);
}
