//! Regions and skills look-ups, and staff corrections of region points.

use doorstep_shared::api::{ErrorCode, RegionResponse, SkillResponse};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, TestApp};

backend_tests!(regions_list_children_with_code_name_level_and_point, staff_correct_an_approximate_town_point, skills_are_found_by_any_name_or_synonym,);

async fn regions_list_children_with_code_name_level_and_point(app: TestApp) {
    let client = app.anonymous();

    let provinces: Vec<RegionResponse> = client.get("/api/v1/regions").await.json().await.expect("list");
    let counties: Vec<RegionResponse> = client.get("/api/v1/regions?parent=6109").await.json().await.expect("list");
    let padded: Vec<RegionResponse> = client.get("/api/v1/regions?parent=610902000000").await.json().await.expect("list");
    let shaanxi_cities: Vec<RegionResponse> = client.get("/api/v1/regions?parent=61").await.json().await.expect("list");

    assert!(provinces.len() >= 31);
    assert!(provinces.iter().any(|p| p.name == "陕西省" && p.code == "61"));
    let names: Vec<&str> = counties.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 10);
    for name in ["汉滨区", "汉阴县", "石泉县", "宁陕县", "紫阳县", "岚皋县", "平利县", "镇坪县", "白河县", "旬阳市"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let hanbin = counties.iter().find(|c| c.code == "610902").expect("hanbin");
    assert!((32.0..33.5).contains(&hanbin.lat) && (108.5..109.5).contains(&hanbin.lon), "{hanbin:?}");
    assert!(!hanbin.approximate);
    assert!(padded.iter().all(|t| t.code.starts_with("610902") && t.code.len() == 9 && t.approximate));
    assert!(shaanxi_cities.iter().any(|c| c.name == "西安市"));
    let unknown = client.get("/api/v1/regions?parent=999999").await;
    assert_eq!(assert_error(unknown, StatusCode::NOT_FOUND, ErrorCode::NotFound).await, vec!["parent"]);
}

async fn staff_correct_an_approximate_town_point(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;

    let res = staff.put_json("/api/v1/regions/610902001/point", &json!({"lat": 32.6853, "lon": 109.0297})).await;

    assert_eq!(res.status(), StatusCode::OK);
    let town: RegionResponse = app.anonymous().get("/api/v1/regions/610902001").await.json().await.expect("town");
    assert_eq!((town.lat, town.lon, town.approximate), (32.6853, 109.0297, false));
    let (lat, approx): (f64, i64) =
        sqlx::query_as("SELECT lat, approximate FROM regions WHERE code = '610902001'").fetch_one(app.db().pool()).await.expect("row");
    assert_eq!((lat, approx), (32.6853, 0), "the correction is stored, not only cached");
    let swapped = staff.put_json("/api/v1/regions/610902001/point", &json!({"lat": 109.0, "lon": 32.6})).await;
    assert_eq!(assert_error(swapped, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["lat"]);
}

async fn skills_are_found_by_any_name_or_synonym(app: TestApp) {
    let client = app.anonymous();
    let search = |q: &str| {
        let client = &client;
        let url = format!("/api/v1/skills?q={}", urlencode(q));
        async move { client.get(&url).await.json::<Vec<SkillResponse>>().await.expect("skills") }
    };

    let everyday = search("做衣服").await;
    let english = search("Sewing").await;
    let tea = search("采茶").await;
    let nothing = search("时间旅行").await;
    let all = search("").await;

    assert_eq!(everyday[0].code, "sewing");
    assert_eq!(english[0].code, "sewing");
    assert_eq!(tea[0].code, "tea_picking");
    assert!(nothing.is_empty());
    assert!(all.len() >= 80, "only {} skills", all.len());
    assert!(all.iter().all(|s| !s.name_zh.is_empty() && !s.name_en.is_empty()));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
