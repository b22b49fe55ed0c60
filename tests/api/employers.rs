//! Employers: registration by staff, visibility to staff and own users.

use doorstep_shared::api::{EmployerPage, EmployerResponse, ErrorCode};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, posting_json, TestApp};

backend_tests!(
    staff_register_employers_in_their_jurisdiction,
    bad_employers_are_refused_with_the_field_named,
    staff_find_an_employer_by_part_of_its_name_and_post_for_it,
);

async fn staff_register_employers_in_their_jurisdiction(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let form = json!({"name": "安康富硒茶业有限公司", "kind": "company", "region_code": "610902001",
                      "contact_name": "李经理", "contact_phone": "139 0000 0003"});

    let res = staff.post_json("/api/v1/employers", &form).await;

    assert_eq!(res.status(), StatusCode::CREATED);
    let created: EmployerResponse = res.json().await.expect("employer");
    assert_eq!(created.contact_phone, "13900000003");
    let page: EmployerPage = staff.get("/api/v1/employers").await.json().await.expect("page");
    assert_eq!(page.items, vec![created.clone()]);
    let user = app.login_as("employer", "tea_boss", None, Some(created.id)).await;
    let own: EmployerResponse = user.get(&format!("/api/v1/employers/{}", created.id)).await.json().await.expect("own");
    assert_eq!(own, created);
}

async fn bad_employers_are_refused_with_the_field_named(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let good = json!({"name": "工厂", "kind": "cooperative", "region_code": "610902001", "contact_name": "李", "contact_phone": "13900000003"});
    let cases = [
        ("name", json!(""), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed),
        ("contact_phone", json!("110"), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed),
        ("region_code", json!("61"), StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed),
        ("region_code", json!("610981100"), StatusCode::FORBIDDEN, ErrorCode::Forbidden),
        ("kind", json!("bank"), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson),
    ];
    for (field, value, status, code) in cases {
        let mut body = good.clone();
        body[field] = value;

        let fields = assert_error(staff.post_json("/api/v1/employers", &body).await, status, code).await;

        assert_eq!(fields, vec![field.to_string()]);
    }
    assert_eq!(count_rows(&app, "employers").await, 0);
}

async fn staff_find_an_employer_by_part_of_its_name_and_post_for_it(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let xunyang = app.staff("staff_xunyang", "610981").await;
    for (name, region) in [("安康富硒茶业有限公司", "610902001"), ("汉滨毛绒玩具社区工厂", "610902001"), ("100%_纯棉服装厂", "610902002")]
    {
        let form = json!({"name": name, "kind": "company", "region_code": region, "contact_name": "李经理", "contact_phone": "13900000003"});
        assert_eq!(staff.post_json("/api/v1/employers", &form).await.status(), StatusCode::CREATED);
    }
    let names = |page: EmployerPage| page.items.into_iter().map(|e| e.name).collect::<Vec<_>>();

    let toys: EmployerPage = staff.get("/api/v1/employers?q=%E6%AF%9B%E7%BB%92").await.json().await.expect("page");
    let wildcard: EmployerPage = staff.get("/api/v1/employers?q=%25").await.json().await.expect("page");
    let elsewhere: EmployerPage = xunyang.get("/api/v1/employers?q=%E6%AF%9B%E7%BB%92").await.json().await.expect("page");

    assert_eq!((toys.total, names(toys.clone())), (1, vec!["汉滨毛绒玩具社区工厂".to_string()]), "毛绒 finds the toy factory only");
    assert_eq!(wildcard.total, 3, "a typed % is not a wildcard of its own: it is left out");
    assert!(elsewhere.items.is_empty(), "another county's staff find nothing of Hanbin's");
    let too_long = format!("/api/v1/employers?q={}", "厂".repeat(51));
    assert_eq!(assert_error(staff.get(&too_long).await, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await, vec!["q"]);

    // The picked employer's id goes into the posting; staff post on its behalf.
    let res = staff.post_json("/api/v1/postings", &posting_json(toys.items[0].id)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created: serde_json::Value = res.json().await.expect("posting");
    assert_eq!(created["employer_name"], json!("汉滨毛绒玩具社区工厂"));
    let other_county = xunyang.post_json("/api/v1/postings", &posting_json(toys.items[0].id)).await;
    assert!(other_county.status().is_client_error(), "not for an employer outside the jurisdiction");
}
