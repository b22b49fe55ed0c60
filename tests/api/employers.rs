//! Employers: registration by staff, visibility to staff and own users.

use doorstep_shared::api::{EmployerPage, EmployerResponse, ErrorCode};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, TestApp};

backend_tests!(staff_register_employers_in_their_jurisdiction, bad_employers_are_refused_with_the_field_named);

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
