//! `GET /api/v1/follow-ups`: the placements owing a 1, 3 or 6-month
//! follow-up in the caller's jurisdiction, by due day; recording one from
//! the list moves it to done and into the employment figures' retention.

use doorstep_shared::api::{ErrorCode, FollowUpState, FollowUpTaskPage};
use doorstep_shared::types::Day;
use reqwest::StatusCode;
use serde_json::json;

use crate::employment_figures::{application, person, placement};
use crate::export_support::{csv_rows, download, export_entries, sheet, text, workbook};
use crate::helpers::{assert_error, posting_json, Client, TestApp};

crate::backend_tests!(follow_ups_are_listed_by_due_day_and_recorded_from_the_list, bad_states_pages_and_regions_are_refused);

fn today() -> Day {
    doorstep_server::clock::today()
}

async fn worklist(client: &Client, query: &str) -> FollowUpTaskPage {
    let res = client.get(&format!("/api/v1/follow-ups?{query}")).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    res.json().await.expect("worklist")
}

fn rows(page: &FollowUpTaskPage) -> Vec<(&str, u8, FollowUpState)> {
    page.items.iter().map(|t| (t.person_name.as_str(), t.month, t.state)).collect()
}

async fn follow_ups_are_listed_by_due_day_and_recorded_from_the_list(app: TestApp) {
    let admin = app.admin().await;
    let employer = app.employer_in(&admin, "610902").await;
    let posting = admin.open_posting(&app, &posting_json(employer)).await;
    let recent = person(&admin, "周甲", 1, "610902001", &["dibao"]).await;
    let earlier = person(&admin, "吴乙", 2, "610902002", &[]).await;
    let elsewhere = person(&admin, "冯戊", 3, "610921100", &[]).await;
    let start = |days: i64| today().plus_days(-days).to_string();
    for (who, days) in [(recent, 40), (earlier, 100), (elsewhere, 100)] {
        let hired = application(&app, who, posting, "referral", "hired", &start(days + 5), &start(days + 2)).await;
        placement(&app, hired, who, posting, "nearby", &start(days), 3000).await;
    }
    let county = app.staff("hanbin", "610902").await;

    let open = worklist(&county, "").await;
    // 乙's first month is long overdue; 甲's first and 乙's third fall due about ten days ago.
    let due_on = |days: i64, months: u32| today().plus_days(-days).plus_months(months);
    let mut expected = vec![
        ("吴乙", 1, FollowUpState::Overdue, due_on(100, 1)),
        ("周甲", 1, FollowUpState::Due, due_on(40, 1)),
        ("吴乙", 3, FollowUpState::Due, due_on(100, 3)),
    ];
    expected.sort_by_key(|e| e.3);
    assert_eq!(rows(&open), expected.iter().map(|e| (e.0, e.1, e.2)).collect::<Vec<_>>(), "冯戊 lives in 汉阴: {open:#?}");
    assert_eq!(open.items.iter().map(|t| t.due_on).collect::<Vec<_>>(), expected.iter().map(|e| e.3).collect::<Vec<_>>());
    assert_eq!((open.total, open.due, open.overdue), (3, 2, 1));
    assert_eq!(open.items[0].region_name, "汉滨区新城街道");
    let upcoming = worklist(&county, "state=upcoming").await;
    assert_eq!(upcoming.total, 3, "甲's 3rd and 6th, 乙's 6th: {upcoming:#?}");

    // Record 乙's overdue first month from the list.
    let task = &open.items[0];
    let recorded = county.follow_up(task.placement_id, &json!({"month": task.month, "still_employed": true, "monthly_wage": 3100})).await;
    assert_eq!(recorded.status(), StatusCode::CREATED);
    let open = worklist(&county, "").await;
    assert_eq!((open.total, open.due, open.overdue), (2, 2, 0));
    let done = worklist(&county, "state=done").await;
    assert_eq!(rows(&done), [("吴乙", 1, FollowUpState::Done)]);
    assert_eq!(done.items[0].follow_up.as_ref().map(|f| (f.still_employed, f.monthly_wage)), Some((true, Some(3100))));

    // The figures' retention reads the same record.
    let from = today().plus_days(-100).to_string()[..7].to_string();
    let figures: serde_json::Value = county.get(&format!("/api/v1/employment/figures?from={from}")).await.json().await.expect("figures");
    assert_eq!(figures["retention"][0]["recorded"], 1, "{figures}");
    assert_eq!(figures["retention"][0]["retained"], 1);

    // A town user sees its own people only; paging cuts the list.
    let xincheng = app.staff("xincheng", "610902002").await;
    assert_eq!(rows(&worklist(&xincheng, "").await), [("吴乙", 3, FollowUpState::Due)]);
    let paged = worklist(&county, "per_page=1&page=2").await;
    assert_eq!((paged.total, paged.items.len()), (2, 1));

    // The list as a spreadsheet: the same tasks in the same order, audited.
    let open = worklist(&county, "").await;
    let rows = csv_rows(&download(&county, "/api/v1/follow-ups/export?format=csv").await.bytes);
    let exported: Vec<(String, String)> = rows[1..].iter().map(|r| (r[2].clone(), r[8].clone())).collect();
    let listed: Vec<(String, String)> = open.items.iter().map(|t| (t.person_name.clone(), t.month.to_string())).collect();
    assert_eq!(exported, listed);
    assert_eq!(rows[1][10], "待回访");
    let done = workbook(&download(&county, "/api/v1/follow-ups/export?state=done").await.bytes);
    assert_eq!(text(&sheet(&done, "回访任务")[1][11]), "是");
    let seen: Vec<String> = export_entries(&admin).await.iter().map(|e| e["action"].as_str().unwrap_or_default().to_string()).collect();
    assert_eq!(seen, ["follow_up.export", "follow_up.export"]);
}

async fn bad_states_pages_and_regions_are_refused(app: TestApp) {
    let town = app.staff("xincheng", "610902002").await;
    let res = town.get("/api/v1/follow-ups?state=late").await;
    assert_eq!(assert_error(res, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await, ["state"]);
    let res = town.get("/api/v1/follow-ups?per_page=500").await;
    assert_eq!(assert_error(res, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await, ["per_page"]);
    let res = town.get("/api/v1/follow-ups?region=610902001").await;
    assert_eq!(assert_error(res, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await, ["region"]);
    let seeker = app.login_as("seeker", "chunmei", None, None).await;
    assert_error(seeker.get("/api/v1/follow-ups").await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
}
