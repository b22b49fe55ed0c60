//! Figures exports: the training data set of `training_figures` and a small
//! sales world, read through the JSON API and through the XLSX and CSV
//! exports; the spreadsheets, read back with calamine and csv, hold the same
//! figures in typed cells, state what they cover, and only income by
//! household (names) is audited. Jurisdiction and bad input are refused by field.

use calamine::Data;
use doorstep_shared::api::{ErrorCode, SalesFigures};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::export_support::{about, csv_rows, date, download, export_entries, number, sheet, text, workbook, CSV_TYPE, XLSX_TYPE};
use crate::helpers::{assert_error, body, Client, TestApp};
use crate::sales_support::{listed_product, order_json, producer_json, product_json, sales_world, verified_producer};
use crate::training_figures::{figures_enrolment, figures_of, figures_session, known_training_data, LAOCHENG, PERIOD};
use crate::training_support::{insert_course, CourseFixture};

crate::backend_tests!(
    the_training_workbook_holds_the_figures_of_the_api_in_typed_cells,
    a_training_csv_carries_one_breakdown_with_the_same_figures,
    the_sales_workbook_holds_the_income_of_the_api_and_households_are_audited,
    text_that_looks_like_a_formula_stays_text,
    another_county_and_bad_input_are_refused_naming_the_field,
);

async fn the_training_workbook_holds_the_figures_of_the_api_in_typed_cells(app: TestApp) {
    let admin = app.admin().await;
    known_training_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;
    let figures = figures_of(&county, PERIOD).await;

    let file = download(&county, &format!("/api/v1/training/figures/export?{PERIOD}")).await;

    assert_eq!(file.content_type, XLSX_TYPE);
    assert_eq!((file.name.as_str(), file.ascii_name.as_str()), ("培训统计_汉滨区_2026-03至2026-05.xlsx", "training-figures_610902_2026-03_2026-05.xlsx"));
    let book = workbook(&file.bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[..3], ["说明", "汇总", "报名-按课程"]);
    assert_eq!(names.len(), 1 + 1 + 3 * 4 + 1, "说明, 汇总, four breakdowns of three figures, placed by area: {names:?}");
    let stated = about(&book);
    assert_eq!(stated["统计期间"], "2026年3月至2026年5月");
    assert_eq!(stated["管辖范围"], "汉滨区（610902）");
    assert!(stated["生成人"].contains("hanbin"), "{stated:?}");
    assert!(stated["生成时间"].contains("北京时间"), "{stated:?}");

    let summary = &sheet(&book, "汇总")[1];
    let totals = [
        &figures["enrolments"]["total"],
        &figures["completions"]["total"],
        &figures["certificates"]["total"],
        &figures["placed"]["certified"],
        &figures["placed"]["placed"],
    ];
    assert_eq!(summary.iter().map(number).collect::<Vec<_>>(), totals.iter().map(|v| as_f64(v)).collect::<Vec<_>>());
    for (figure, prefix) in [("enrolments", "报名"), ("completions", "结业"), ("certificates", "发证")] {
        let f = &figures[figure];
        let by_course: Vec<(f64, String, f64)> =
            sheet(&book, &format!("{prefix}-按课程"))[1..].iter().map(|r| (number(&r[0]), text(&r[1]), number(&r[2]))).collect();
        let api: Vec<(f64, String, f64)> =
            items(&f["by_course"]).map(|c| (as_f64(&c["course_id"]), c["title"].as_str().expect("title").to_string(), as_f64(&c["count"]))).collect();
        assert_eq!(by_course, api, "{figure} by course");
        let by_area: Vec<(String, String, f64)> =
            sheet(&book, &format!("{prefix}-按地区"))[1..].iter().map(|r| (text(&r[0]), text(&r[1]), number(&r[2]))).collect();
        let api: Vec<(String, String, f64)> =
            items(&f["by_area"]).map(|a| (s(&a["area"]["name"]), s(&a["area"]["official_code"]), as_f64(&a["count"]))).collect();
        assert_eq!(by_area, api, "{figure} by area");
        let by_month: Vec<(String, f64)> = sheet(&book, &format!("{prefix}-按月份"))[1..].iter().map(|r| (date(&r[0]), number(&r[1]))).collect();
        let api: Vec<(String, f64)> = items(&f["by_month"]).map(|m| (format!("{}-01", s(&m["month"])), as_f64(&m["count"]))).collect();
        assert_eq!(by_month, api, "{figure} by month: month cells are dates");
        let by_category: Vec<f64> = sheet(&book, &format!("{prefix}-按类别"))[1..].iter().map(|r| number(&r[1])).collect();
        assert_eq!(by_category, items(&f["by_category"]).map(|c| as_f64(&c["count"])).collect::<Vec<_>>(), "{figure} by category");
    }
    let placed: Vec<(String, f64, f64)> = sheet(&book, "培训后就业-按地区")[1..].iter().map(|r| (text(&r[1]), number(&r[2]), number(&r[3]))).collect();
    let api: Vec<(String, f64, f64)> =
        items(&figures["placed"]["by_area"]).map(|a| (s(&a["area"]["official_code"]), as_f64(&a["certified"]), as_f64(&a["placed"]))).collect();
    assert_eq!(placed, api);
    assert_eq!(sheet(&book, "报名-按类别")[1][0], Data::String("低保对象".into()));
    assert!(export_entries(&admin).await.is_empty(), "counts name nobody: no audit entry");
}

async fn a_training_csv_carries_one_breakdown_with_the_same_figures(app: TestApp) {
    let admin = app.admin().await;
    known_training_data(&app, &admin).await;
    let city = app.staff("ankang", "6109").await;
    let figures = figures_of(&city, PERIOD).await;

    let by_month = download(&city, &format!("/api/v1/training/figures/export?format=csv&sheet=enrolments_by_month&{PERIOD}")).await;
    let first = download(&city, &format!("/api/v1/training/figures/export?format=csv&{PERIOD}")).await;
    let stated = download(&city, &format!("/api/v1/training/figures/export?format=csv&sheet=about&{PERIOD}")).await;

    assert_eq!(by_month.content_type, CSV_TYPE);
    assert_eq!(by_month.name, "培训统计_安康市_2026-03至2026-05_报名-按月份.csv");
    let rows = csv_rows(&by_month.bytes);
    assert_eq!(rows[0], ["月份", "报名人次"]);
    let api: Vec<Vec<String>> = items(&figures["enrolments"]["by_month"]).map(|m| vec![s(&m["month"]), m["count"].to_string()]).collect();
    assert_eq!(rows[1..], api[..]);
    let summary = csv_rows(&first.bytes);
    assert_eq!(summary[0], ["报名人次", "结业人次", "证书数", "获证人数", "六个月内就业人数"], "the first breakdown by default");
    assert_eq!(summary[1], ["6", "3", "3", "3", "2"]);
    let about_rows = csv_rows(&stated.bytes);
    assert!(about_rows.contains(&vec!["管辖范围".to_string(), "安康市（610900）".to_string()]), "{about_rows:?}");
}

async fn the_sales_workbook_holds_the_income_of_the_api_and_households_are_audited(app: TestApp) {
    let admin = app.admin().await;
    let w = sales_world(&app, 1, 3).await;
    let [a, b, c] = [w.households[0], w.households[1], w.households[2]];
    let coop = verified_producer(&w.staff, &producer_json("老城茶叶合作社", "cooperative", "610902001", &[(a, 1), (b, 1)])).await;
    let honey = verified_producer(&w.staff, &producer_json("张家蜂场", "household", "610902001", &[(c, 1)])).await;
    let tea = listed_product(&w.staff, coop, &product_json("紫阳富硒茶", "tea", 3_335, 20)).await;
    let jar = listed_product(&w.staff, honey, &product_json("土蜂蜜", "honey", 4_599, 5)).await;
    deliver(&w.staff, &app.anonymous(), &order_json(&[(tea, 3), (jar, 2)])).await;
    let figures: SalesFigures = w.staff.get("/api/v1/sales/figures").await.json().await.expect("figures");
    assert_eq!(figures.income_fen, 3 * 3_335 + 2 * 4_599);

    let file = download(&w.staff, "/api/v1/sales/figures/export?format=xlsx").await;
    let by_area = download(&w.staff, "/api/v1/sales/figures/export?format=csv&sheet=by_area").await;

    let book = workbook(&file.bytes);
    let summary = &sheet(&book, "汇总")[1];
    assert_eq!((number(&summary[0]), number(&summary[1]), number(&summary[2])), (19_203.0 / 100.0, 2.0, 3.0), "money in yuan, a number cell");
    let households: Vec<(f64, String, f64)> = sheet(&book, "按户")[1..].iter().map(|r| (number(&r[0]), text(&r[1]), number(&r[3]))).collect();
    let api: Vec<(f64, String, f64)> = figures.by_household.iter().map(|h| (h.person_id as f64, h.name.clone(), h.income_fen as f64 / 100.0)).collect();
    assert_eq!(households, api);
    let months: Vec<f64> = sheet(&book, "按月份")[1..].iter().map(|r| number(&r[1])).collect();
    assert_eq!(months, figures.by_month.iter().map(|m| m.income_fen as f64 / 100.0).collect::<Vec<_>>());
    let town = figures.by_area.iter().find(|x| x.area.code == "610902001").expect("老城街道");
    let rows = csv_rows(&by_area.bytes);
    assert_eq!(rows[0], ["地区", "区划代码", "农户收入（元）", "增收户数"]);
    assert!(rows.contains(&vec!["老城街道".into(), town.area.official_code.clone(), "192.03".into(), "3".into()]), "exact yuan in csv: {rows:?}");
    let entries = export_entries(&admin).await;
    assert_eq!(entries.len(), 1, "the workbook names households; the area CSV does not: {entries:?}");
    assert_eq!((entries[0]["action"].as_str(), entries[0]["actor_username"].as_str()), (Some("sales_household.export"), Some("staff_hanbin")));
    assert!(entries[0]["detail"].as_str().is_some_and(|d| d.contains("format=xlsx") && d.contains("3 rows")), "{}", entries[0]);
}

async fn text_that_looks_like_a_formula_stays_text(app: TestApp) {
    let admin = app.admin().await;
    let course =
        insert_course(&app, &CourseFixture { title: "=HYPERLINK(\"http://x.example\",\"点我\")", region: "610902", skills: &[], categories: &[] }).await;
    let session = figures_session(&app, course, LAOCHENG, "2026-03-02", "2026-03-27").await;
    figures_enrolment(&app, session, crate::training_figures::person(&admin, "周甲", 1, LAOCHENG, &[]).await, "enrolled").await;

    let xlsx = download(&admin, &format!("/api/v1/training/figures/export?{PERIOD}")).await;
    let csv = download(&admin, &format!("/api/v1/training/figures/export?format=csv&sheet=enrolments_by_course&{PERIOD}")).await;

    let book = workbook(&xlsx.bytes);
    assert_eq!(sheet(&book, "报名-按课程")[1][1], Data::String("=HYPERLINK(\"http://x.example\",\"点我\")".into()), "a string cell, not a formula");
    assert_eq!(csv_rows(&csv.bytes)[1][1], "'=HYPERLINK(\"http://x.example\",\"点我\")");
}

async fn another_county_and_bad_input_are_refused_naming_the_field(app: TestApp) {
    let hanbin = app.staff("hanbin", "610902").await;
    let cases = [
        ("training", "region=610921", StatusCode::FORBIDDEN, ErrorCode::Forbidden, "region"),
        ("sales", "region=610921100", StatusCode::FORBIDDEN, ErrorCode::Forbidden, "region"),
        ("training", "format=pdf", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "format"),
        ("sales", "sheet=by_course", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "sheet"),
        ("training", "format=csv&sheet=nope", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "sheet"),
        ("sales", "from=2026-13", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "from"),
        ("training", "colour=red", StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter, "colour"),
    ];
    for (platform, query, status, code, field) in cases {
        let res = hanbin.get(&format!("/api/v1/{platform}/figures/export?{query}")).await;
        assert_eq!(assert_error(res, status, code).await, [field], "{platform} {query}");
    }
    let res = hanbin.get("/api/v1/sales/figures/export?sheet=nope").await;
    let message = body(res).await["error"]["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("about, summary, by_area, by_month, by_category, by_household"), "the keys there are: {message}");
    let seeker = app.login_as("seeker", "seeker", None, None).await;
    assert_error(seeker.get("/api/v1/training/figures/export").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(app.anonymous().get("/api/v1/sales/figures/export").await, StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated).await;
    let doc = body(app.anonymous().get("/api/v1/openapi.json").await).await;
    for path in ["/api/v1/training/figures/export", "/api/v1/sales/figures/export", "/api/v1/people/export", "/api/v1/placements/export"] {
        let ok = &doc["paths"][path]["get"]["responses"]["200"]["content"];
        assert!(ok.get(XLSX_TYPE).is_some() && ok.get(CSV_TYPE).is_some(), "{path}: {ok}");
    }
}

/// Places, pays, ships and delivers an order; staff move every part.
async fn deliver(staff: &Client, buyer: &Client, order: &Value) {
    let placed = body(buyer.post_json("/api/v1/orders", order).await).await;
    let id = placed["id"].as_i64().expect("order id");
    assert_eq!(staff.post_json(&format!("/api/v1/orders/{id}/pay"), &json!({})).await.status(), StatusCode::OK);
    for part in items(&placed["parts"]) {
        let part = part["id"].as_i64().expect("part id");
        let shipped = staff.post_json(&format!("/api/v1/order-parts/{part}/ship"), &json!({"carrier": "中国邮政", "tracking_number": "9812345678"})).await;
        assert_eq!(shipped.status(), StatusCode::OK);
        assert_eq!(staff.post_json(&format!("/api/v1/order-parts/{part}/deliver"), &json!({})).await.status(), StatusCode::OK);
    }
}

fn items(v: &Value) -> impl Iterator<Item = &Value> {
    v.as_array().expect("an array").iter()
}

fn as_f64(v: &Value) -> f64 {
    v.as_f64().expect("a number")
}

fn s(v: &Value) -> String {
    v.as_str().expect("a string").to_string()
}
