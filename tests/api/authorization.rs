//! The authorisation matrix: every endpoint × every role × inside and outside
//! the caller's jurisdiction, asserted on status and error shape.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::backend_tests;
use crate::helpers::{id_number, person_json, Client, TestApp};

backend_tests!(every_endpoint_enforces_role_and_jurisdiction);

const ROLES: [&str; 8] = ["anonymous", "seeker", "employer", "staff_town", "staff_hanbin", "staff_xunyang", "staff_city", "admin"];

enum Body {
    None,
    Json(Value),
    /// A new person in 老城街道 with an ID number unique to the caller.
    NewPerson,
}

async fn send(client: &Client, method: &Method, path: &str, body: &Body, caller: usize) -> StatusCode {
    let url = format!("{}{path}", client.base);
    let req = client.http.request(method.clone(), url);
    let req = match body {
        Body::None => req,
        Body::Json(v) => req.json(v),
        Body::NewPerson => req.json(&person_json("新登记", &id_number("610902", 1988, 100 + caller as u16))),
    };
    req.send().await.expect("sent").status()
}

async fn every_endpoint_enforces_role_and_jurisdiction(app: TestApp) {
    let admin = app.admin().await;
    let employer_id = app.employer_in(&admin, "610902001").await;
    let in_town = admin.create_person(&person_json("在老城", &id_number("610902", 1980, 1))).await;
    let p = in_town.json::<Value>().await.expect("person")["id"].as_i64().expect("id");
    let mut other = person_json("在新城", &id_number("610902", 1980, 2));
    other["home_region"] = json!("610902002");
    let q = admin.create_person(&other).await.json::<Value>().await.expect("person")["id"].as_i64().expect("id");
    let clients = [
        app.anonymous(),
        app.login_as("seeker", "13800000001", None, None).await,
        app.login_as("employer", "employer_user", None, Some(employer_id)).await,
        app.staff("staff_town", "610902001").await,
        app.staff("staff_hanbin", "610902").await,
        app.staff("staff_xunyang", "610981").await,
        app.staff("staff_city", "6109").await,
        admin,
    ];
    use StatusCode as S;
    const U: S = S::UNAUTHORIZED;
    const F: S = S::FORBIDDEN;
    const N: S = S::NOT_FOUND;
    const OK: S = S::OK;
    const C: S = S::CREATED;
    // A seeker without a profile is told to fill it in.
    const P: S = S::CONFLICT;
    let point = json!({"lat": 32.69, "lon": 109.03});
    let matrix: Vec<(Method, String, Body, [S; 8])> = vec![
        (Method::GET, "/api/v1/me".into(), Body::None, [OK; 8]),
        (Method::GET, "/api/v1/regions?parent=6109".into(), Body::None, [OK; 8]),
        (Method::GET, "/api/v1/skills?q=sewing".into(), Body::None, [OK; 8]),
        (Method::GET, "/api/v1/people".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, format!("/api/v1/people/{p}"), Body::None, [U, F, F, OK, OK, N, OK, OK]),
        (Method::GET, format!("/api/v1/people/{q}"), Body::None, [U, F, F, N, OK, N, OK, OK]),
        (Method::POST, format!("/api/v1/people/{p}/reveal"), Body::Json(json!({})), [U, F, F, OK, OK, N, OK, OK]),
        (Method::POST, format!("/api/v1/people/{q}/reveal"), Body::Json(json!({})), [U, F, F, N, OK, N, OK, OK]),
        (Method::PATCH, format!("/api/v1/people/{p}"), Body::Json(json!({"phone": "13700000000"})), [U, F, F, OK, OK, N, OK, OK]),
        (Method::PATCH, format!("/api/v1/people/{q}"), Body::Json(json!({"phone": "13700000001"})), [U, F, F, N, OK, N, OK, OK]),
        (Method::POST, "/api/v1/people".into(), Body::NewPerson, [U, F, F, C, C, F, C, C]),
        (Method::GET, "/api/v1/employers".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, format!("/api/v1/employers/{employer_id}"), Body::None, [U, N, OK, OK, OK, N, OK, OK]),
        (
            Method::POST,
            "/api/v1/employers".into(),
            Body::Json(json!({"name": "老城茶厂", "kind": "company", "region_code": "610902001", "contact_name": "李", "contact_phone": "13900000002"})),
            [U, F, F, C, C, F, C, C],
        ),
        (Method::PUT, "/api/v1/regions/610902001/point".into(), Body::Json(point.clone()), [U, F, F, OK, OK, F, OK, OK]),
        (Method::PUT, "/api/v1/regions/610902002/point".into(), Body::Json(point), [U, F, F, F, OK, F, OK, OK]),
        (Method::GET, "/api/v1/audit".into(), Body::None, [U, F, F, F, F, F, F, OK]),
        (Method::GET, "/api/v1/postings?q=%E7%BC%9D%E7%BA%AB".into(), Body::None, [OK; 8]),
        (Method::POST, "/api/v1/match".into(), Body::Json(json!({"skills": ["sewing"], "region_code": "610902001"})), [OK; 8]),
        (Method::GET, "/api/v1/postings/managed".into(), Body::None, [U, F, OK, OK, OK, OK, OK, OK]),
        (Method::GET, format!("/api/v1/people/{p}/matches"), Body::None, [U, F, F, OK, OK, N, OK, OK]),
        (Method::GET, format!("/api/v1/people/{q}/matches"), Body::None, [U, F, F, N, OK, N, OK, OK]),
        (Method::GET, format!("/api/v1/people/{p}/sms"), Body::None, [U, F, F, OK, OK, N, OK, OK]),
        (Method::GET, format!("/api/v1/people/{q}/sms"), Body::None, [U, F, F, N, OK, N, OK, OK]),
        (Method::GET, "/api/v1/applications".into(), Body::None, [U, OK, OK, OK, OK, OK, OK, OK]),
        (Method::GET, "/api/v1/placements".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        // Exports: inside the jurisdiction; full ID numbers for civil-affairs staff only (exports.rs, exports_lists.rs).
        (Method::GET, "/api/v1/people/export".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, "/api/v1/people/export?region=610902001".into(), Body::None, [U, F, F, OK, OK, F, OK, OK]),
        (Method::GET, "/api/v1/people/export?full_ids=true".into(), Body::None, [U, F, F, OK, OK, OK, OK, F]),
        (Method::GET, "/api/v1/placements/export?full_ids=true".into(), Body::None, [U, F, F, OK, OK, OK, OK, F]),
        (Method::GET, "/api/v1/training/figures/export?region=610902".into(), Body::None, [U, F, F, F, OK, F, OK, OK]),
        (Method::GET, "/api/v1/sales/figures/export".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        // The bureau's figures, the records behind them and the follow-up worklist (employment_figures.rs, follow_up_worklist.rs).
        (Method::GET, "/api/v1/employment/figures".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, "/api/v1/employment/figures?region=610902".into(), Body::None, [U, F, F, F, OK, F, OK, OK]),
        (Method::GET, "/api/v1/employment/records?measure=pushes".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, "/api/v1/employment/records?measure=pushes&area=610902001".into(), Body::None, [U, F, F, OK, OK, F, OK, OK]),
        (Method::GET, "/api/v1/follow-ups".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, "/api/v1/follow-ups?region=610902002".into(), Body::None, [U, F, F, F, OK, F, OK, OK]),
        (Method::GET, "/api/v1/employment/figures/export?region=610902".into(), Body::None, [U, F, F, F, OK, F, OK, OK]),
        (Method::GET, "/api/v1/employment/records/export?measure=pushes&full_ids=true".into(), Body::None, [U, F, F, OK, OK, OK, OK, F]),
        (Method::GET, "/api/v1/follow-ups/export".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
        (Method::GET, "/api/v1/me/inbox".into(), Body::None, [U, P, F, F, F, F, F, F]),
        (Method::GET, "/api/v1/me/profile".into(), Body::None, [U, P, F, F, F, F, F, F]),
        // Starting a push is checked in push.rs: here each would refuse the next while it runs (409).
        (Method::GET, "/api/v1/push".into(), Body::None, [U, F, F, OK, OK, OK, OK, OK]),
    ];

    let mut failures = Vec::new();
    for (method, path, body, expected) in &matrix {
        for (i, client) in clients.iter().enumerate() {
            let got = send(client, method, path, body, i).await;
            if got != expected[i] {
                failures.push(format!("{method} {path} as {}: expected {}, got {got}", ROLES[i], expected[i]));
            }
        }
    }
    assert!(failures.is_empty(), "authorisation matrix violations:\n{}", failures.join("\n"));

    // Lists show only what lies inside the jurisdiction.
    let total = |v: Value| v["total"].as_i64().expect("total");
    let seen: Vec<i64> = get_each(&clients[3..], "/api/v1/people").await.into_iter().map(total).collect();
    // P and Q, plus the four people created above in 老城街道 (xunyang's was refused).
    assert_eq!(seen, vec![5, 6, 0, 6, 6], "people visible to town, hanbin, xunyang, city, admin");
}

/// GETs a path as several clients, in order.
async fn get_each(clients: &[Client], path: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for c in clients {
        out.push(c.get(path).await.json().await.expect("json"));
    }
    out
}
