//! Rows decode once, into types: a value the database holds that does not
//! decode is an error naming the table, the row and the column — a 500 with
//! nothing of it in the body, never a silent default — and the server goes on.

use doorstep_server::storage::{get_person, get_posting};
use doorstep_shared::api::ErrorCode;
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, body, person_json, posting_json, TestApp};

backend_tests!(a_corrupt_posting_column_is_an_error_that_names_table_row_and_column, a_corrupt_person_column_is_an_error_too);

async fn corrupt(app: &TestApp, sql: &str, id: i64) {
    sqlx::query(sql).bind(id).execute(app.db().pool()).await.expect("corrupting update");
}

async fn a_corrupt_posting_column_is_an_error_that_names_table_row_and_column(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let id = admin.open_posting(&app, &posting_json(employer_id)).await;
    // Enums, flags and amounts are also guarded by CHECK constraints; dates
    // are plain text to the database, so only decoding stands in their way.
    let cases = [
        ("UPDATE postings SET valid_until = '2026-02-30' WHERE id = $1", "\"2026-02-30\" in postings.valid_until"),
        ("UPDATE postings SET valid_until = 'soon' WHERE id = $1", "\"soon\" in postings.valid_until"),
    ];
    for (sql, named) in cases {
        let before = body(admin.get(&format!("/api/v1/postings/{id}")).await).await;
        corrupt(&app, sql, id).await;

        let error = get_posting(app.db(), id).await.expect_err(sql).to_string();
        let res = admin.get(&format!("/api/v1/postings/{id}")).await;

        assert!(error.contains(&format!("corrupt value {named} of row {id}")), "{sql}: {error}");
        let fields = assert_error(res, StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal).await;
        assert!(fields.is_empty(), "{sql}: a 500 tells the client nothing");
        // Put the row back as it was, through the API's own values.
        let restore = format!("UPDATE postings SET valid_until = '{}' WHERE id = $1", before["valid_until"].as_str().expect("valid_until"));
        corrupt(&app, &restore, id).await;
        assert_eq!(admin.get(&format!("/api/v1/postings/{id}")).await.status(), StatusCode::OK, "{sql}: the server goes on");
    }
}

async fn a_corrupt_person_column_is_an_error_too(app: TestApp) {
    let admin = app.admin().await;
    let id = admin.register_person(&person_json("李梅", &crate::helpers::id_number("610902", 1990, 1))).await;
    corrupt(&app, "UPDATE people SET schedules = 'full_time,nights' WHERE id = $1", id).await;

    let error = get_person(app.db(), id).await.expect_err("corrupt schedules").to_string();
    let res = admin.get(&format!("/api/v1/people/{id}")).await;

    assert!(error.contains(&format!("corrupt value \"full_time,nights\" in people.schedules of row {id}")), "{error}");
    assert_error(res, StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal).await;
    let list = admin.get("/api/v1/people").await;
    assert_error(list, StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal).await;
    assert_eq!(admin.post_json("/api/v1/people", &json!({})).await.status(), StatusCode::BAD_REQUEST, "the server goes on");
}
