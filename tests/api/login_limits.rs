//! Login limits that bound memory and slow guessing without locking anyone
//! out: long usernames are refused before the limiter, one address guessing
//! an account is stopped while the owner elsewhere still logs in, and a
//! trusted proxy's `X-Forwarded-For` decides which address that is.

use std::net::IpAddr;

use doorstep_shared::api::ErrorCode;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{assert_error, spawn_app, Backend, Client, TestApp, TestOptions, PASSWORD};

/// A client whose connections come from `source` (any 127.x address reaches the loopback server).
fn client_from(app: &TestApp, source: [u8; 4]) -> Client {
    let http = reqwest::Client::builder().local_address(IpAddr::from(source)).build().expect("client");
    Client { http, base: app.address.clone() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_username_longer_than_the_limit_is_refused_before_the_limiter() {
    let options = TestOptions { per_address_per_minute: 3, ..TestOptions::default() };
    let app = spawn_app(Backend::Sqlite, options).await.expect("app");
    let client = app.anonymous();
    for _ in 0..5 {
        let res = client.login(&"x".repeat(65), "guess").await;
        assert_eq!(assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationFailed).await, vec!["username"]);
    }
    let res = client.login(&"x".repeat(64), "guess").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "refused names spent none of the address's attempts");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_passwords_from_one_address_do_not_lock_the_owner_out_from_another() {
    let options = TestOptions { per_account_per_minute: 3, ..TestOptions::default() };
    let app = spawn_app(Backend::Sqlite, options).await.expect("app");
    app.create_user("staff", "zhang", Some("6109"), None).await;
    let attacker = client_from(&app, [127, 0, 0, 2]);
    for _ in 0..3 {
        assert_eq!(attacker.login("zhang", "guess").await.status(), StatusCode::UNAUTHORIZED);
    }
    assert_error(attacker.login("zhang", "guess").await, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;

    let owner = client_from(&app, [127, 0, 0, 3]).login("zhang", PASSWORD).await;

    assert_eq!(owner.status(), StatusCode::OK, "the owner gets in, only slowed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn x_forwarded_for_names_the_client_only_behind_a_trusted_proxy() {
    let trusting =
        TestOptions { per_address_per_minute: 2, adjust: |s| s.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")], ..TestOptions::default() };
    let app = spawn_app(Backend::Sqlite, trusting).await.expect("app");
    let proxy = app.anonymous();
    let from = |client: &Client, forwarded: &'static str| {
        let request = client.http.post(format!("{}/api/v1/auth/login", client.base));
        request.header("x-forwarded-for", forwarded).json(&json!({"username": "nobody", "password": "guess"})).send()
    };
    for _ in 0..2 {
        assert_eq!(from(&proxy, "198.51.100.1").await.expect("sent").status(), StatusCode::UNAUTHORIZED);
    }
    assert_eq!(from(&proxy, "198.51.100.1").await.expect("sent").status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(from(&proxy, "198.51.100.2").await.expect("sent").status(), StatusCode::UNAUTHORIZED, "another client behind the proxy");

    let untrusted = client_from(&app, [127, 0, 0, 2]);
    for _ in 0..2 {
        assert_eq!(from(&untrusted, "203.0.113.1").await.expect("sent").status(), StatusCode::UNAUTHORIZED);
    }
    let spoofed = from(&untrusted, "203.0.113.9").await.expect("sent");
    assert_eq!(spoofed.status(), StatusCode::TOO_MANY_REQUESTS, "an untrusted peer cannot pick a fresh address");
}
