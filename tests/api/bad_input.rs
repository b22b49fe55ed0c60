//! Bad input of every kind answers 4xx in the one error shape, never 500,
//! never a half-written record, and the server keeps serving.

use doorstep_shared::api::ErrorCode;
use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, id_number, person_json, spawn_app, Backend, TestApp, TestOptions};

backend_tests!(malformed_bodies_get_a_4xx_naming_the_problem, malformed_paths_and_queries_get_a_400);

/// Why, content type, body, expected status, code and fields.
type Case = (&'static str, &'static str, Vec<u8>, StatusCode, ErrorCode, Vec<&'static str>);

async fn malformed_bodies_get_a_4xx_naming_the_problem(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let good = person_json("钱小琴", &id_number("610902", 1992, 6)).to_string();
    let cases: Vec<Case> = vec![
        ("truncated json", "application/json", good.as_bytes()[..good.len() - 5].to_vec(), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec![]),
        ("not json at all", "application/json", b"name=x".to_vec(), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec![]),
        (
            "wrong type",
            "application/json",
            good.replace("\"birth_year\":1992", "\"birth_year\":\"1992\"").into_bytes(),
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            vec!["birth_year"],
        ),
        (
            "negative number",
            "application/json",
            good.replace("\"birth_year\":1992", "\"birth_year\":-1").into_bytes(),
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            vec!["birth_year"],
        ),
        (
            "unknown enum value",
            "application/json",
            good.replace("\"female\"", "\"unknown\"").into_bytes(),
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            vec!["gender"],
        ),
        ("unknown field", "application/json", good.replacen('{', "{\"salary\":1,", 1).into_bytes(), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec![]),
        ("missing field", "application/json", br#"{"name":"x"}"#.to_vec(), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec![]),
        (
            "invalid utf-8",
            "application/json",
            good.replace("钱小琴", "@@").bytes().map(|b| if b == b'@' { 0xff } else { b }).collect(),
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            vec![],
        ),
        (
            "form content type",
            "application/x-www-form-urlencoded",
            good.clone().into_bytes(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            vec![],
        ),
        ("oversized body", "application/json", vec![b' '; 70 * 1024], StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge, vec![]),
        ("trailing garbage", "application/json", format!("{good} {{}}").into_bytes(), StatusCode::BAD_REQUEST, ErrorCode::InvalidJson, vec![]),
    ];
    for (why, content_type, body, status, code, fields) in cases {
        let res = staff.post_raw("/api/v1/people", content_type, body).await;

        let got = res.status();
        let text = res.text().await.expect("text");
        assert_eq!(got, status, "{why}: {text}");
        let err: doorstep_shared::api::ApiErrorBody = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{why}: not our shape ({e}): {text}"));
        assert_eq!(err.error.code, code, "{why}");
        if !fields.is_empty() {
            assert_eq!(err.error.fields, fields, "{why}");
        }
    }
    assert_eq!(count_rows(&app, "people").await, 0, "nothing half-written");
    assert_eq!(staff.get("/healthz").await.status(), StatusCode::OK, "still serving");
}

async fn malformed_paths_and_queries_get_a_400(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let cases = [
        ("/api/v1/people/abc", None),
        ("/api/v1/people/99999999999999999999999", None),
        ("/api/v1/people?page=x", None),
        ("/api/v1/people?category=rich", None),
        ("/api/v1/people?per_page=0", Some("per_page")),
        ("/api/v1/people?page=0", Some("page")),
        ("/api/v1/people?region=61x", Some("region")),
        ("/api/v1/people?skill=juggling", Some("skill")),
        ("/api/v1/people?colour=red", Some("colour")),
    ];
    for (path, field) in cases {
        let res = staff.get(path).await;

        let fields = assert_error(res, StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter).await;

        if let Some(field) = field {
            assert_eq!(fields, vec![field], "{path}");
        }
    }
    let missing = staff.get("/api/v1/people/424242").await;
    assert_error(missing, StatusCode::NOT_FOUND, ErrorCode::NotFound).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_body_limit_comes_from_settings() {
    let app = spawn_app(Backend::Sqlite, TestOptions { max_body_bytes: 512, ..TestOptions::default() }).await.expect("app");
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut person = person_json("钱小琴", &id_number("610902", 1992, 6));
    person["name"] = serde_json::json!("长".repeat(300));

    let res = staff.create_person(&person).await;

    assert_error(res, StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge).await;
}
