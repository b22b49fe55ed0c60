//! The one text-input rule: a NUL or other control character in any text,
//! body or query string, is a 422 naming the field, for anonymous callers as
//! for staff, on both backends; nothing is stored and the server keeps serving.

use doorstep_shared::api::ErrorCode;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{assert_error, count_rows, id_number, person_json, posting_json, TestApp};

backend_tests!(control_characters_in_bodies_get_a_422_naming_the_field, control_characters_and_bad_utf8_in_query_strings_are_refused);

/// `value` with `field` set to a text holding `bad`.
fn with(mut value: Value, field: &str, bad: &str) -> Value {
    value[field] = json!(format!("王{bad}秀英"));
    value
}

async fn control_characters_in_bodies_get_a_422_naming_the_field(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let posting = admin.open_posting(&app, &posting_json(employer_id)).await;
    let staff = app.staff("staff_hanbin", "610902").await;
    let person = person_json("钱小琴", &id_number("610902", 1992, 6));
    let employer = json!({"name": "工厂", "kind": "community_factory", "region_code": "610902001",
                          "contact_name": "张厂长", "contact_phone": "13900000001"});
    let anonymous = app.anonymous();
    for bad in ["\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}"] {
        let cases = [
            (&anonymous, "/api/v1/auth/login", with(json!({"password": "x"}), "username", bad), "username"),
            (
                &anonymous,
                "/api/v1/auth/register",
                with(json!({"phone": "13800009998", "code": "123456", "password": "my-secret-1"}), "display_name", bad),
                "display_name",
            ),
            (&anonymous, "/api/v1/auth/register/code", with(json!({}), "phone", bad), "phone"),
            (&staff, "/api/v1/people", with(person.clone(), "name", bad), "name"),
            (&admin, "/api/v1/employers", with(employer.clone(), "name", bad), "name"),
            (&admin, "/api/v1/postings", with(posting_json(employer_id), "title", bad), "title"),
            (&staff, "/api/v1/applications", with(json!({"posting_id": posting, "person_id": null}), "note", bad), "note"),
            (
                &staff,
                "/api/v1/people",
                {
                    let mut p = person.clone();
                    p["skills"] = json!(["缝纫", format!("a{bad}")]);
                    p
                },
                "skills[1]",
            ),
        ];
        for (client, path, body, field) in cases {
            let res = client.post_json(path, &body).await;
            let fields = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await;
            assert_eq!(fields, vec![field], "{path} with {bad:?}");
        }
    }
    assert_eq!(count_rows(&app, "people").await, 0, "nothing stored");
    let mut lines = posting_json(employer_id);
    lines["description"] = json!("计件工资\r\n\t可带孩子上班");
    assert_eq!(admin.post_json("/api/v1/postings", &lines).await.status(), StatusCode::CREATED, "line breaks and tabs are text");
    assert_eq!(anonymous.get("/healthz").await.status(), StatusCode::OK, "still serving");
}

async fn control_characters_and_bad_utf8_in_query_strings_are_refused(app: TestApp) {
    let staff = app.staff("staff_hanbin", "610902").await;
    let anonymous = app.anonymous();
    for (client, path, status, code, field) in [
        (&staff, "/api/v1/people?q=%E7%8E%8B%00", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "q"),
        (&staff, "/api/v1/people?q=a%1Fb", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "q"),
        (&anonymous, "/api/v1/postings?q=%00", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed, "q"),
        (&anonymous, "/api/v1/postings?q=%FF%FE", StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter, "q"),
        (&staff, "/api/v1/people?q=%C3%28", StatusCode::BAD_REQUEST, ErrorCode::InvalidParameter, "q"),
    ] {
        let res = client.get(path).await;
        assert_eq!(assert_error(res, status, code).await, vec![field], "{path}");
    }
    let ok = staff.get("/api/v1/people?q=%E7%8E%8B+%E7%A7%80").await;
    assert_eq!(ok.status(), StatusCode::OK, "percent-encoded Chinese with a space is fine");
}
