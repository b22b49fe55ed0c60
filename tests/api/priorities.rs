//! Priority categories: staff of a city or county set which assistance
//! categories their jurisdiction favours, with a weight 1–100; the nearest
//! setting applies to a person's home; bad input names its field.

use doorstep_shared::api::{AssistanceCategory, AuditPage, CategoryPriority, ErrorCode, PrioritiesResponse};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, Client, TestApp};

backend_tests!(
    staff_set_their_jurisdiction_s_priorities_and_the_nearest_setting_applies,
    priorities_are_set_only_by_staff_governing_a_city_or_county,
    bad_priorities_name_the_field,
);

async fn put(client: &Client, code: &str, body: &Value) -> PrioritiesResponse {
    let res = client.put_json(&format!("/api/v1/regions/{code}/priorities"), body).await;
    let status = res.status();
    let text = res.text().await.expect("body");
    assert_eq!(status, StatusCode::OK, "{code} {body}: {text}");
    serde_json::from_str(&text).expect("priorities")
}

async fn get(client: &Client, code: &str) -> PrioritiesResponse {
    let res = client.get(&format!("/api/v1/regions/{code}/priorities")).await;
    assert_eq!(res.status(), StatusCode::OK, "{code}");
    res.json().await.expect("priorities")
}

fn set(category: AssistanceCategory, weight: u32) -> CategoryPriority {
    CategoryPriority { category, weight }
}

async fn staff_set_their_jurisdiction_s_priorities_and_the_nearest_setting_applies(app: TestApp) {
    let city = app.staff("staff_ankang", "6109").await;
    let hanbin = app.staff("staff_hanbin", "610902").await;
    let town = app.staff("staff_laocheng", "610902001").await;

    let city_set = put(&city, "6109", &json!({"priorities": [{"category": "disabled", "weight": 50}]})).await;
    let county_set =
        put(&hanbin, "610902", &json!({"priorities": [{"category": "dibao", "weight": 60}, {"category": "left_behind_woman", "weight": 90}]})).await;

    assert_eq!(city_set.priorities, vec![set(AssistanceCategory::Disabled, 50)]);
    assert_eq!(county_set.priorities, vec![set(AssistanceCategory::LeftBehindWoman, 90), set(AssistanceCategory::Dibao, 60)], "strongest first");
    assert_eq!(county_set.applies_from.as_deref(), Some("610902"));
    let at_town = get(&town, "610902001").await;
    assert_eq!((at_town.priorities.len(), at_town.applies_from.as_deref()), (0, Some("610902")), "the county's setting applies in its towns");
    assert_eq!(at_town.applied, county_set.priorities);
    let hanyin = get(&city, "610921").await;
    assert_eq!((hanyin.applies_from.as_deref(), hanyin.applied.clone()), (Some("6109"), city_set.priorities.clone()), "no county setting: the city's");
    assert_eq!(get(&town, "610902").await.priorities, county_set.priorities, "a town's staff read their county's setting");

    let cleared = put(&hanbin, "610902", &json!({"priorities": []})).await;

    assert_eq!((cleared.priorities.len(), cleared.applies_from.as_deref()), (0, Some("6109")), "cleared: the city's applies again");
    let audit: AuditPage = app.admin().await.get("/api/v1/audit").await.json().await.expect("audit");
    let set_by: Vec<(&str, i64)> =
        audit.items.iter().filter(|e| e.action == "region.set_priorities").map(|e| (e.actor_username.as_str(), e.entity_id)).collect();
    assert_eq!(set_by, vec![("staff_hanbin", 610902), ("staff_hanbin", 610902), ("staff_ankang", 6109)]);
}

async fn priorities_are_set_only_by_staff_governing_a_city_or_county(app: TestApp) {
    let hanbin = app.staff("staff_hanbin", "610902").await;
    let town = app.staff("staff_laocheng", "610902001").await;
    let admin = app.admin().await;
    let body = json!({"priorities": [{"category": "dibao", "weight": 10}]});
    let path = |code: &str| format!("/api/v1/regions/{code}/priorities");

    assert_error(hanbin.put_json(&path("6109"), &body).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(hanbin.put_json(&path("610981"), &body).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    let town_level = assert_error(town.put_json(&path("610902001"), &body).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(town_level, vec!["code"], "a town does not set priorities");
    let province = assert_error(admin.put_json(&path("61"), &body).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
    assert_eq!(province, vec!["code"]);
    assert_error(hanbin.get(&path("610981")).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    assert_error(hanbin.get(&path("999999")).await, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let employer = app.login_as("employer", "factory", None, Some(employer_id)).await;
    assert_error(employer.get(&path("610902")).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_error(employer.put_json(&path("610902"), &body).await, StatusCode::FORBIDDEN, ErrorCode::Forbidden).await;
    assert_eq!(app.anonymous().get(&path("610902")).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(put(&admin, "6109", &body).await.priorities, vec![set(AssistanceCategory::Dibao, 10)], "admin sets any city");
}

async fn bad_priorities_name_the_field(app: TestApp) {
    let hanbin = app.staff("staff_hanbin", "610902").await;
    let path = "/api/v1/regions/610902/priorities";
    let invalid = [
        (json!({"priorities": [{"category": "dibao", "weight": 0}]}), vec!["priorities[0].weight"]),
        (json!({"priorities": [{"category": "dibao", "weight": 101}]}), vec!["priorities[0].weight"]),
        (json!({"priorities": [{"category": "dibao", "weight": 5}, {"category": "dibao", "weight": 6}]}), vec!["priorities[1].category"]),
    ];
    for (body, fields) in invalid {
        let got = assert_error(hanbin.put_json(path, &body).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
        assert_eq!(got, fields, "{body}");
    }
    let malformed = [
        (json!({"priorities": [{"category": "rich", "weight": 5}]}), "priorities[0].category"),
        (json!({"priorities": [{"category": "dibao", "weight": -1}]}), "priorities[0].weight"),
        (json!({"priorities": [{"category": "dibao"}]}), "priorities[0]"),
    ];
    for (body, field) in malformed {
        let got = assert_error(hanbin.put_json(path, &body).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await;
        assert!(got.iter().any(|f| f.starts_with(field)), "{body}: {got:?}");
    }
    assert_error(hanbin.put_json(path, &json!({})).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidJson).await;
    assert!(get(&hanbin, "610902").await.priorities.is_empty(), "nothing refused was stored");
}
