//! List exports with personal data: the people list (the JSON list's filters)
//! and placements, every row the JSON lists give, ID numbers masked unless
//! civil-affairs staff ask for full ones; each export audited with its filter
//! and whether numbers were in full; other jurisdictions and administrators'
//! full numbers refused, naming the field, with nothing audited.

use doorstep_shared::api::ErrorCode;
use reqwest::StatusCode;

use crate::export_support::{about, csv_rows, date, download, export_entries, number, sheet, text, workbook};
use crate::helpers::{assert_error, body, id_number, posting_json, Client, TestApp};
use crate::training_figures::{figures_placement, person, HANYIN_CHENGGUAN, LAOCHENG, XINCHENG};

crate::backend_tests!(
    a_people_export_holds_the_filtered_list_masked_and_is_audited_with_its_filter,
    full_id_numbers_go_to_staff_who_ask_audited_and_are_refused_otherwise,
    a_placements_export_holds_the_jurisdictions_placements_and_is_audited,
);

/// Five people: three in 老城 (two 低保), one in 新城, one in 汉阴 (another county); their ids.
async fn five_people(admin: &Client) -> Vec<i64> {
    let mut ids = Vec::new();
    for (name, seq, home, categories) in [
        ("周甲", 11, LAOCHENG, &["dibao"][..]),
        ("吴乙", 12, LAOCHENG, &["dibao", "left_behind_woman"][..]),
        ("郑丙", 13, LAOCHENG, &[][..]),
        ("王丁", 14, XINCHENG, &["dibao"][..]),
        ("冯戊", 15, HANYIN_CHENGGUAN, &["dibao"][..]),
    ] {
        ids.push(person(admin, name, seq, home, categories).await);
    }
    ids
}

async fn a_people_export_holds_the_filtered_list_masked_and_is_audited_with_its_filter(app: TestApp) {
    let admin = app.admin().await;
    five_people(&admin).await;
    let hanbin = app.staff("hanbin", "610902").await;
    let filter = "category=dibao&region=610902001";
    let listed = body(hanbin.get(&format!("/api/v1/people?{filter}")).await).await;

    let file = download(&hanbin, &format!("/api/v1/people/export?{filter}")).await;
    let csv = download(&hanbin, "/api/v1/people/export?format=csv").await;

    assert_eq!(file.name.split('_').take(2).collect::<Vec<_>>(), ["人员名单", "老城街道"]);
    let book = workbook(&file.bytes);
    assert_eq!(about(&book)["统计期间"], "截至生成时间的全部记录");
    let rows = &sheet(&book, "人员名单")[1..];
    let api: Vec<(f64, String, String)> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| (p["id"].as_f64().expect("id"), p["name"].as_str().expect("name").into(), p["id_number_masked"].as_str().expect("masked").into()))
        .collect();
    assert_eq!(api.len(), 2, "{listed}");
    assert_eq!(rows.iter().map(|r| (number(&r[0]), text(&r[1]), text(&r[2]))).collect::<Vec<_>>(), api, "the same people, masked as in the list");
    assert_eq!(text(&rows[1][2]), format!("610902********{}", &id_number("610902", 1985, 12)[14..]));
    assert_eq!(text(&rows[1][8]), "低保对象、留守妇女");
    assert_eq!(date(&rows[0][12]).len(), 10, "the registration day is a date cell");
    let everyone = csv_rows(&csv.bytes);
    assert_eq!(everyone.len(), 1 + 4, "Hanbin's four people, not Hanyin's: {everyone:?}");
    assert!(everyone[1..].iter().all(|r| r[2].contains("********")), "{everyone:?}");

    let entries = export_entries(&admin).await;
    let seen: Vec<(&str, &str)> = entries.iter().map(|e| (e["action"].as_str().expect("action"), e["actor_username"].as_str().expect("who"))).collect();
    assert_eq!(seen, [("person.export", "hanbin"), ("person.export", "hanbin")], "newest first");
    let detail = entries[1]["detail"].as_str().expect("detail");
    assert!(detail.contains(filter) && detail.contains("2 rows") && detail.contains("full id numbers: false"), "{detail}");
    assert_eq!(entries[1]["entity"], "person");
}

async fn full_id_numbers_go_to_staff_who_ask_audited_and_are_refused_otherwise(app: TestApp) {
    let admin = app.admin().await;
    let people = five_people(&admin).await;
    let town = app.staff("laocheng", LAOCHENG).await;

    let file = download(&town, "/api/v1/people/export?full_ids=true&format=csv").await;

    let rows = csv_rows(&file.bytes);
    let numbers: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
    assert_eq!(numbers, [id_number("610902", 1985, 11), id_number("610902", 1985, 12), id_number("610902", 1985, 13)], "老城's three, in full");
    let entries = export_entries(&admin).await;
    assert_eq!(entries.len(), 1);
    assert_eq!((entries[0]["action"].as_str(), entries[0]["actor_username"].as_str()), (Some("person.export_full_ids"), Some("laocheng")));
    assert!(entries[0]["detail"].as_str().is_some_and(|d| d.contains("full_ids=true") && d.contains("full id numbers: true")), "{}", entries[0]);

    // Administrators' exports stay masked; another county is not the town's to export.
    for (client, query, status, code, field) in [
        (&admin, "/api/v1/people/export?full_ids=true", StatusCode::FORBIDDEN, ErrorCode::Forbidden, "full_ids"),
        (&admin, "/api/v1/placements/export?full_ids=true&format=csv", StatusCode::FORBIDDEN, ErrorCode::Forbidden, "full_ids"),
        (&town, "/api/v1/people/export?region=610921", StatusCode::FORBIDDEN, ErrorCode::Forbidden, "region"),
        (&town, "/api/v1/people/export?full_ids=yes", StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter, "full_ids"),
        (&town, "/api/v1/people/export?format=ods", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "format"),
        (&town, "/api/v1/placements/export?sheet=people", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "sheet"),
    ] {
        assert_eq!(assert_error(client.get(query).await, status, code).await, [field], "{query}");
    }
    assert_eq!(export_entries(&admin).await.len(), 1, "refusals export and audit nothing");
    let masked = csv_rows(&download(&admin, "/api/v1/people/export?format=csv").await.bytes);
    assert_eq!(masked.len(), 1 + people.len());
    assert!(masked[1..].iter().all(|r| r[2].contains("********")), "{masked:?}");
}

async fn a_placements_export_holds_the_jurisdictions_placements_and_is_audited(app: TestApp) {
    let admin = app.admin().await;
    let people = five_people(&admin).await;
    let employer = app.employer_in(&admin, "610902").await;
    let posting = admin.open_posting(&app, &posting_json(employer)).await;
    for (who, start) in [(people[0], "2026-05-10"), (people[3], "2026-06-01"), (people[4], "2026-04-20")] {
        figures_placement(&app, posting, who, start).await;
    }
    let hanbin = app.staff("hanbin", "610902").await;
    let listed = body(hanbin.get("/api/v1/placements").await).await;

    let file = download(&hanbin, "/api/v1/placements/export").await;

    assert_eq!(file.ascii_name.split('_').take(2).collect::<Vec<_>>(), ["placements", "610902"]);
    let book = workbook(&file.bytes);
    let rows = &sheet(&book, "就业登记")[1..];
    let api: Vec<(f64, String, String)> = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| (p["id"].as_f64().expect("id"), p["person_name"].as_str().expect("name").into(), p["start_date"].as_str().expect("start").into()))
        .collect();
    assert_eq!(api.len(), 2, "Hanbin's two placements, not Hanyin's: {listed}");
    assert_eq!(rows.iter().map(|r| (number(&r[0]), text(&r[2]), date(&r[7]))).collect::<Vec<_>>(), api, "the same placements; the start is a date cell");
    assert!(rows.iter().all(|r| text(&r[3]).contains("********") && number(&r[8]) == 3_200.0), "masked numbers, the wage in yuan");
    let entries = export_entries(&admin).await;
    let seen: Vec<Option<&str>> = entries.iter().map(|e| e["action"].as_str()).collect();
    assert_eq!(seen, [Some("placement.export")]);
    assert!(entries[0]["detail"].as_str().is_some_and(|d| d.contains("xlsx 2 rows")), "{}", entries[0]);
}
