//! Self-registration's defences, as an outside tester attacks them: sign-up
//! codes and attempts limited per address and per phone, weak passwords
//! refused, the same answer for a phone with and without an account, and
//! codes that are wrong, expired or tried too often refused naming `code`.

use doorstep_shared::api::{ErrorCode, RegistrationCodeSent};
use reqwest::StatusCode;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{assert_error, code_in, count_rows, TestApp};

backend_tests!(
    weak_passwords_are_refused_naming_password,
    a_phone_with_an_account_gets_the_same_answer_as_a_new_one,
    wrong_expired_and_overtried_codes_are_refused_naming_code,
);

/// Runs a test on both backends with registration limits set by `adjust`.
macro_rules! limited_tests {
    ($($name:ident => $adjust:expr;)*) => {$(
        mod $name {
            use $crate::helpers::{spawn_app, Backend, TestOptions};

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let options = TestOptions { adjust: $adjust, ..TestOptions::default() };
                super::$name(spawn_app(Backend::Sqlite, options).await.expect("sqlite")).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let options = TestOptions { adjust: $adjust, ..TestOptions::default() };
                match spawn_app(Backend::Postgres, options).await {
                    Some(app) => super::$name(app).await,
                    None => eprintln!("DOORSTEP_TEST_POSTGRES_URL is not set: postgres variant not run"),
                }
            }
        }
    )*};
}

limited_tests!(
    sign_up_is_limited_per_client_address => |s: &mut doorstep_server::configuration::Settings| s.registration.per_address_per_hour = 3;
    sign_up_codes_are_limited_per_phone_whoever_asks => |s: &mut doorstep_server::configuration::Settings| {
        s.registration.per_phone_per_hour = 2;
        s.trusted_proxies = vec!["127.0.0.1/32".parse().expect("cidr")];
    };
);

async fn sign_up_is_limited_per_client_address(app: TestApp) {
    let client = app.anonymous();
    for phone in ["13700000001", "13700000002", "13700000003"] {
        assert_eq!(client.ask_registration_code(phone).await.status(), StatusCode::ACCEPTED);
    }

    let fourth = client.ask_registration_code("13700000004").await;

    assert_error(fourth, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;
    assert_eq!(count_rows(&app, "sms_outbox").await, 3, "a refused request sends no SMS");
    // Attempts to sign up (each may cost a password hash) have their own allowance.
    let form = json!({"phone": "13700000001", "code": "000000", "password": "my-secret-1", "display_name": "张桂芳"});
    for _ in 0..3 {
        let res = client.post_json("/api/v1/auth/register", &form).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = client.post_json("/api/v1/auth/register", &form).await;
    assert_error(res, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;
}

async fn sign_up_codes_are_limited_per_phone_whoever_asks(app: TestApp) {
    let http = reqwest::Client::new();
    let ask = |from: &'static str, phone: &'static str| {
        http.post(format!("{}/api/v1/auth/register/code", app.address)).header("x-forwarded-for", from).json(&json!({"phone": phone})).send()
    };
    assert_eq!(ask("192.0.2.1", "13700000001").await.expect("sent").status(), StatusCode::ACCEPTED);
    assert_eq!(ask("192.0.2.2", "13700000001").await.expect("sent").status(), StatusCode::ACCEPTED);

    let third = ask("192.0.2.3", "13700000001").await.expect("sent");

    assert_error(third, StatusCode::TOO_MANY_REQUESTS, ErrorCode::RateLimited).await;
    assert_eq!(ask("192.0.2.3", "13700000002").await.expect("sent").status(), StatusCode::ACCEPTED, "other phones are unaffected");
    assert_eq!(count_rows(&app, "sms_outbox").await, 3);
}

async fn weak_passwords_are_refused_naming_password(app: TestApp) {
    let client = app.anonymous();
    assert_eq!(client.ask_registration_code("13800009999").await.status(), StatusCode::ACCEPTED);
    let code = code_in(&app.last_sms_to("13800009999").await).expect("code");
    let form = |password: &str| json!({"phone": "13800009999", "code": code, "password": password, "display_name": "zhangguifang"});

    for weak in ["12345678", "password", "        ", "13800009999", "zhangguifang", "Zhangguifang1"] {
        let res = client.post_json("/api/v1/auth/register", &form(weak)).await;
        let fields = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WeakPassword).await;
        assert_eq!(fields, vec!["password"], "{weak:?}");
    }

    // Refusing a password spends none of the code's tries.
    assert_eq!(client.post_json("/api/v1/auth/register", &form("tea garden 7 morning")).await.status(), StatusCode::CREATED);
}

async fn a_phone_with_an_account_gets_the_same_answer_as_a_new_one(app: TestApp) {
    app.create_user("seeker", "13800001111", None, None).await;
    let (registered, new) = (app.anonymous(), app.anonymous());

    let a = registered.ask_registration_code("13800001111").await;
    let b = new.ask_registration_code("13800002222").await;

    assert_eq!((a.status(), b.status()), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    let header = |r: &reqwest::Response, name: &str| r.headers().get(name).map(|v| v.to_str().expect("ascii").to_string());
    assert_eq!(header(&a, "content-type"), header(&b, "content-type"));
    assert_eq!(header(&a, "set-cookie"), header(&b, "set-cookie"));
    let (a, b) = (a.bytes().await.expect("body"), b.bytes().await.expect("body"));
    assert_eq!(a, b, "the answer must not tell which phones have accounts");
    let sent: RegistrationCodeSent = serde_json::from_slice(&b).expect("shape");
    assert_eq!(sent.code_valid_minutes, 10);
    // Only the phone's owner learns which: a code, or that they can log in already.
    let (to_registered, to_new) = (app.last_sms_to("13800001111").await, app.last_sms_to("13800002222").await);
    assert_eq!(code_in(&to_registered), None, "{to_registered}");
    assert!(to_registered.contains("已注册"), "{to_registered}");
    assert!(code_in(&to_new).is_some(), "{to_new}");
    // Guessing a code for the registered phone looks like any wrong code.
    let guess = json!({"phone": "13800001111", "code": "123456", "password": "tea garden 7 morning", "display_name": "王秀英"});
    let res = registered.post_json("/api/v1/auth/register", &guess).await;
    assert_eq!(assert_error(res, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongCode).await, vec!["code"]);
}

async fn wrong_expired_and_overtried_codes_are_refused_naming_code(app: TestApp) {
    let client = app.anonymous();
    let phone = "13800003333";
    let form = |code: &str| json!({"phone": phone, "code": code, "password": "tea garden 7 morning", "display_name": "李春梅"});
    let register = |code: String| {
        let client = client.clone_session();
        let body = form(&code);
        async move { client.post_json("/api/v1/auth/register", &body).await }
    };
    let wrong_code = |code: &str| format!("{:06}", (code.parse::<u32>().expect("digits") + 1) % 1_000_000);
    let ask = || async {
        assert_eq!(client.ask_registration_code(phone).await.status(), StatusCode::ACCEPTED);
        code_in(&app.last_sms_to(phone).await).expect("code")
    };

    // A wrong code, then the right one once it has expired.
    let first = ask().await;
    assert_eq!(assert_error(register(wrong_code(&first)).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongCode).await, vec!["code"]);
    sqlx::query("UPDATE registration_codes SET expires_at = $1 WHERE phone = $2")
        .bind(doorstep_server::clock::now() - 1)
        .bind(phone)
        .execute(app.db().pool())
        .await
        .expect("expire");
    assert_eq!(assert_error(register(first.clone()).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongCode).await, vec!["code"]);

    // Five wrong tries use a code up, right or not after that.
    let second = ask().await;
    for _ in 0..5 {
        assert_error(register(wrong_code(&second)).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongCode).await;
    }
    assert_error(register(second).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongCode).await;

    // A new code replaces the old one and works once.
    let third = ask().await;
    assert_eq!(count_rows(&app, "registration_codes").await, 1);
    assert_eq!(register(third.clone()).await.status(), StatusCode::CREATED);
    assert_eq!(count_rows(&app, "registration_codes").await, 0, "a used code is gone");
    assert_error(register(third).await, StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongCode).await;
}
