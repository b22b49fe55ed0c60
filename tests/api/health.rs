//! Operations endpoints: probes, metrics, request ids, the OpenAPI document.

use reqwest::StatusCode;

use crate::backend_tests;
use crate::helpers::{body, TestApp};

backend_tests!(
    probes_answer_when_the_database_is_reachable,
    metrics_are_exposed_in_prometheus_format,
    every_response_carries_a_request_id,
    the_openapi_document_describes_every_api_route,
);

async fn probes_answer_when_the_database_is_reachable(app: TestApp) {
    let client = app.anonymous();

    let health = client.get("/healthz").await;
    let ready = client.get("/readyz").await;

    assert_eq!(health.status(), StatusCode::OK);
    assert_eq!(ready.status(), StatusCode::OK);
    assert_eq!(body(ready).await["status"], "ready");
}

async fn metrics_are_exposed_in_prometheus_format(app: TestApp) {
    let client = app.anonymous();
    client.get("/healthz").await;

    let text = client.get("/metrics").await.text().await.expect("text");

    assert!(text.contains("doorstep_http_requests_total"), "{text}");
    assert!(text.contains(r#"endpoint="/healthz""#), "{text}");
}

async fn every_response_carries_a_request_id(app: TestApp) {
    let client = app.anonymous();

    let a = client.get("/healthz").await;
    let b = client.get("/api/v1/no-such-thing").await;

    let id = |r: &reqwest::Response| r.headers().get("x-request-id").map(|v| v.to_str().expect("ascii").to_string());
    let (a, b) = (id(&a).expect("request id"), id(&b).expect("request id"));
    assert_ne!(a, b);
}

async fn the_openapi_document_describes_every_api_route(app: TestApp) {
    let doc = body(app.anonymous().get("/api/v1/openapi.json").await).await;

    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/v1/auth/login", "post"),
        ("/api/v1/auth/logout", "post"),
        ("/api/v1/auth/register/code", "post"),
        ("/api/v1/auth/register", "post"),
        ("/api/v1/me", "get"),
        ("/api/v1/regions", "get"),
        ("/api/v1/regions/{code}", "get"),
        ("/api/v1/regions/{code}/point", "put"),
        ("/api/v1/skills", "get"),
        ("/api/v1/people", "post"),
        ("/api/v1/people", "get"),
        ("/api/v1/people/{id}", "get"),
        ("/api/v1/people/{id}", "patch"),
        ("/api/v1/people/{id}/reveal", "post"),
        ("/api/v1/employers", "post"),
        ("/api/v1/employers", "get"),
        ("/api/v1/employers/{id}", "get"),
        ("/api/v1/audit", "get"),
        ("/api/v1/postings", "post"),
        ("/api/v1/postings", "get"),
        ("/api/v1/postings/managed", "get"),
        ("/api/v1/postings/{id}", "get"),
        ("/api/v1/postings/{id}", "patch"),
        ("/api/v1/postings/{id}/approve", "post"),
        ("/api/v1/postings/{id}/reject", "post"),
        ("/api/v1/postings/{id}/close", "post"),
        ("/api/v1/postings/{id}/candidates", "get"),
        ("/api/v1/match", "post"),
        ("/api/v1/people/{id}/matches", "get"),
        ("/api/v1/applications", "post"),
        ("/api/v1/applications", "get"),
        ("/api/v1/applications/{id}", "get"),
        ("/api/v1/applications/{id}/status", "post"),
        ("/api/v1/placements", "get"),
        ("/api/v1/placements/{id}", "get"),
        ("/api/v1/placements/{id}/follow-ups", "post"),
        ("/api/v1/push", "post"),
        ("/api/v1/push", "get"),
        ("/api/v1/push/{id}", "get"),
        ("/api/v1/me/inbox", "get"),
        ("/api/v1/me/profile", "get"),
        ("/api/v1/me/profile", "put"),
        ("/api/v1/postings/{id}/invitations", "post"),
    ] {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} missing");
    }
    assert!(doc["components"]["schemas"].get("PersonRequest").is_some());
}
