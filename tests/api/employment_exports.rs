//! `GET /api/v1/employment/figures/export` and `/employment/records/export`:
//! on the known employment data set, the XLSX read back (calamine) holds the
//! very figures the JSON route gives, in number cells; the records behind a
//! figure come with masked ID numbers, audited, and in full only for staff
//! who ask.

use reqwest::StatusCode;
use serde_json::Value;

use crate::employment_figures::known_employment_data;
use crate::export_support::{about, csv_rows, download, export_entries, number, sheet, text, workbook, XLSX_TYPE};
use crate::helpers::{assert_error, body, id_number, TestApp};
use doorstep_shared::api::ErrorCode;

crate::backend_tests!(the_workbook_holds_the_figures_of_the_json_route, the_records_behind_a_figure_are_exported_masked_and_audited);

const PERIOD: &str = "from=2026-03&to=2026-05";

async fn the_workbook_holds_the_figures_of_the_json_route(app: TestApp) {
    let admin = app.admin().await;
    known_employment_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;
    let figures: Value = body(county.get(&format!("/api/v1/employment/figures?{PERIOD}")).await).await;

    let file = download(&county, &format!("/api/v1/employment/figures/export?{PERIOD}")).await;

    assert_eq!(file.content_type, XLSX_TYPE);
    assert!(file.name.starts_with("就业帮扶统计_汉滨区_2026-03至2026-05"), "{}", file.name);
    let book = workbook(&file.bytes);
    let names: Vec<&str> = book.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["说明", "汇总", "按地区", "按月份", "按类别", "稳岗", "稳岗-按地区"]);
    assert_eq!(about(&book).get("管辖范围").map(String::as_str), Some("汉滨区（610902）"));
    let all = figures["figures"].as_array().expect("figures");
    let summary = sheet(&book, "汇总");
    for (row, figure) in summary[1..].iter().zip(all) {
        assert_eq!(number(&row[1]), figure["total"].as_f64().expect("total"), "{}", text(&row[0]));
    }
    assert_eq!(text(&summary[9][0]), "平均月工资（元）");
    assert_eq!(number(&summary[9][1]), figures["average_wage"].as_f64().expect("wage"));
    // By area: one row per town, one column per measure, each the JSON's count.
    let areas = sheet(&book, "按地区");
    assert_eq!(text(&areas[0][2]), "推送岗位");
    for (column, figure) in all.iter().enumerate() {
        for (row, area) in areas[1..].iter().zip(figure["by_area"].as_array().expect("areas")) {
            assert_eq!(text(&row[0]), area["area"]["name"].as_str().expect("name"));
            assert_eq!(number(&row[2 + column]), area["count"].as_f64().expect("count"));
        }
    }
    let laocheng = areas.iter().find(|r| text(&r[0]) == "老城街道").expect("老城 row");
    assert_eq!(number(&laocheng[2]), 4.0);
    let months = sheet(&book, "按月份");
    assert_eq!(months.len(), 4, "a header and three months");
    let retention = sheet(&book, "稳岗");
    assert_eq!(retention[2].iter().map(number).collect::<Vec<_>>(), [3.0, 3.0, 2.0, 1.0]);

    // One breakdown as CSV; a bad sheet names the field.
    let csv = csv_rows(&download(&county, &format!("/api/v1/employment/figures/export?{PERIOD}&format=csv&sheet=by_month")).await.bytes);
    assert_eq!(csv[1][1], "3", "March's pushes: {csv:?}");
    let refused = county.get("/api/v1/employment/figures/export?sheet=nothing").await;
    assert_eq!(assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, ["sheet"]);
    let refused = county.get("/api/v1/employment/figures/export?region=610921").await;
    assert_eq!(assert_error(refused, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await, ["region"]);
}

async fn the_records_behind_a_figure_are_exported_masked_and_audited(app: TestApp) {
    let admin = app.admin().await;
    known_employment_data(&app, &admin).await;
    let county = app.staff("hanbin", "610902").await;

    let file = download(&county, &format!("/api/v1/employment/records/export?{PERIOD}&measure=pushes&area=610902001&format=csv")).await;

    let rows = csv_rows(&file.bytes);
    let names: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["周甲", "陈己", "周甲", "郑丙"], "the records the dashboard lists for 老城");
    assert!(rows[1..].iter().all(|r| r[2].contains("****")), "masked: {rows:?}");
    let full = download(&county, &format!("/api/v1/employment/records/export?{PERIOD}&measure=placed_nearby&full_ids=true")).await;
    let book = workbook(&full.bytes);
    let placed = sheet(&book, "家门口就业人数");
    assert_eq!(text(&placed[1][2]), id_number("610902", 1985, 2), "吴乙 in full");
    assert_eq!(text(&placed[1][7]), "家门口就业");
    assert_eq!(number(&placed[1][8]), 3000.0);

    let entries = export_entries(&admin).await;
    let seen: Vec<&str> = entries.iter().map(|e| e["action"].as_str().expect("action")).collect();
    assert_eq!(seen, ["employment_record.export_full_ids", "employment_record.export"], "newest first");
    assert!(entries[1]["detail"].as_str().is_some_and(|d| d.contains("area=610902001") && d.contains("4 rows")), "{}", entries[1]);
    let refused = admin.get("/api/v1/employment/records/export?measure=pushes&full_ids=true").await;
    assert_eq!(assert_error(refused, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await, ["full_ids"]);
    let refused = county.get("/api/v1/employment/records/export?measure=wages").await;
    assert_eq!(assert_error(refused, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, ["measure"]);
}
