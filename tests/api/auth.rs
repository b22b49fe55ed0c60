//! Login, logout, me, self-registration and login rate limits (sign-up's own defences: `registration.rs`).

use doorstep_shared::api::{ErrorCode, MeResponse, Role};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, body, spawn_app, Backend, TestApp, TestOptions, PASSWORD};

backend_tests!(
    login_with_the_right_password_sets_an_http_only_same_site_cookie,
    wrong_passwords_and_unknown_users_get_the_same_401,
    me_without_a_session_is_null,
    logout_ends_the_session_for_good,
    seekers_register_with_phone_code_and_password_and_are_logged_in,
);

async fn login_with_the_right_password_sets_an_http_only_same_site_cookie(app: TestApp) {
    app.create_user("staff", "staff_hanbin", Some("610902"), None).await;
    let client = app.anonymous();

    let res = client.login("staff_hanbin", PASSWORD).await;

    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers().get("set-cookie").expect("cookie").to_str().expect("ascii").to_string();
    assert!(cookie.starts_with("doorstep_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    let me: MeResponse = client.get("/api/v1/me").await.json().await.expect("me");
    assert_eq!(me.username, "staff_hanbin");
    assert_eq!(me.role, Role::Staff);
    assert_eq!(me.region.expect("region").name, "汉滨区");
}

async fn wrong_passwords_and_unknown_users_get_the_same_401(app: TestApp) {
    app.create_user("admin", "admin", None, None).await;
    let client = app.anonymous();

    let wrong = client.login("admin", "not the password").await;
    let unknown = client.login("nobody", PASSWORD).await;

    let (a, b) = (wrong.status(), unknown.status());
    let (a_body, b_body) = (body(wrong).await, body(unknown).await);
    assert_eq!((a, b), (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED));
    assert_eq!(a_body, b_body, "responses must not reveal which usernames exist");
    assert_eq!(a_body["error"]["code"], "unauthenticated");
}

async fn me_without_a_session_is_null(app: TestApp) {
    let res = app.anonymous().get("/api/v1/me").await;

    // A 200, so an anonymous first visit shows no error in the browser's console.
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(body(res).await, serde_json::Value::Null);
}

async fn logout_ends_the_session_for_good(app: TestApp) {
    app.create_user("admin", "admin", None, None).await;
    let client = app.anonymous();
    let login = client.login("admin", PASSWORD).await;
    let cookie = login.headers().get("set-cookie").expect("cookie").to_str().expect("ascii");
    let token = cookie.split(';').next().expect("pair").to_string();

    let res = client.post_json("/api/v1/auth/logout", &json!({})).await;

    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(body(client.get("/api/v1/me").await).await, serde_json::Value::Null);
    // Replaying the old cookie by hand does not bring the session back.
    let replay = reqwest::Client::new().get(format!("{}/api/v1/me", app.address)).header("cookie", token).send().await.expect("sent");
    assert_eq!(replay.status(), StatusCode::OK);
    assert_eq!(replay.json::<serde_json::Value>().await.expect("json"), serde_json::Value::Null);
}

async fn seekers_register_with_phone_code_and_password_and_are_logged_in(app: TestApp) {
    let client = app.anonymous();
    let form = json!({"phone": "+86 138-0000-9999", "password": "my-secret-1", "display_name": "王秀英"});

    let res = client.sign_up(&app, &form).await;

    assert_eq!(res.status(), StatusCode::CREATED);
    let me: MeResponse = client.get("/api/v1/me").await.json().await.expect("me");
    assert_eq!((me.username.as_str(), me.role), ("13800009999", Role::Seeker));
    assert_eq!(app.anonymous().login("13800009999", "my-secret-1").await.status(), StatusCode::OK);
    for (bad, field) in [
        (json!({"phone": "12345", "code": "123456", "password": "my-secret-1", "display_name": "a"}), "phone"),
        (json!({"phone": "13800009998", "code": "123456", "password": "short", "display_name": "a"}), "password"),
        (json!({"phone": "13800009998", "code": "123456", "password": "my-secret-1", "display_name": " "}), "display_name"),
    ] {
        let res = app.anonymous().post_json("/api/v1/auth/register", &bad).await;
        assert_eq!(assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec![field]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_attempts_are_limited_per_account_even_with_the_right_password() {
    let options = TestOptions { per_account_per_minute: 3, ..TestOptions::default() };
    let app = spawn_app(Backend::Sqlite, options).await.expect("app");
    app.create_user("admin", "admin", None, None).await;
    app.create_user("staff", "other", Some("6109"), None).await;
    let client = app.anonymous();
    for _ in 0..3 {
        assert_eq!(client.login("admin", "guess").await.status(), StatusCode::UNAUTHORIZED);
    }

    let fourth = client.login("admin", PASSWORD).await;

    assert_error(fourth, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;
    assert_eq!(client.login("other", PASSWORD).await.status(), StatusCode::OK, "other accounts are unaffected");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_attempts_are_limited_per_client_address() {
    let options = TestOptions { per_address_per_minute: 5, ..TestOptions::default() };
    let app = spawn_app(Backend::Sqlite, options).await.expect("app");
    let client = app.anonymous();
    for i in 0..5 {
        assert_eq!(client.login(&format!("user{i}"), "guess").await.status(), StatusCode::UNAUTHORIZED);
    }

    let sixth = client.login("user99", "guess").await;

    assert_error(sixth, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;
}
