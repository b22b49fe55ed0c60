//! HTTP edges: a body that never finishes is cut off with a 408 instead of
//! holding the connection, and the server keeps answering meanwhile; a known
//! path with the wrong method is a 405 naming the right ones; a JSON body is
//! an object.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{spawn_app, Backend, TestApp, TestOptions};

/// Sends a request head promising `promised` body bytes, then only `{"a`, and
/// returns whatever the server answers before it closes the connection.
async fn stalled_request(app: &TestApp, path: &str, promised: usize) -> String {
    let port = app.address.rsplit(':').next().expect("port");
    let mut stream = TcpStream::connect(format!("127.0.0.1:{port}")).await.expect("connect");
    let head = format!("POST {path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: {promised}\r\n\r\n{{\"a");
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_shorter_than_its_content_length_gets_a_408_within_the_timeout() {
    let options = TestOptions { adjust: |s| s.body_timeout_secs = 1, ..TestOptions::default() };
    let app = spawn_app(Backend::Sqlite, options).await.expect("app");
    let started = Instant::now();
    let paths = ["/api/v1/auth/login", "/api/v1/auth/logout"];
    let stalled: Vec<_> = (0..20).map(|i| stalled_request(&app, paths[i % 2], 100)).collect();
    let anonymous = app.anonymous();
    let healthy = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        anonymous.get("/healthz").await
    };

    let (answers, health) =
        tokio::time::timeout(Duration::from_secs(8), async { tokio::join!(futures::future::join_all(stalled), healthy) }).await.expect("no connection hangs");

    assert_eq!(health.status(), StatusCode::OK, "served while bodies stall");
    for (i, answer) in answers.iter().enumerate() {
        if paths[i % 2].ends_with("login") {
            assert!(answer.starts_with("HTTP/1.1 408") && answer.contains("request_timeout"), "{answer}");
        } else {
            // A handler that does not read the body answers, and the connection is closed.
            assert!(answer.starts_with("HTTP/1.1 204") && answer.contains("connection: close"), "{answer}");
        }
    }
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_path_answers_its_methods_and_405_with_allow_for_others() {
    let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("app");
    let client = app.anonymous();
    let doc: serde_json::Value = client.get("/api/v1/openapi.json").await.json().await.expect("document");
    let paths = doc["paths"].as_object().expect("paths");
    assert!(paths.len() > 30, "{} paths", paths.len());
    let methods_of = |template: &str| -> Vec<String> { paths[template].as_object().expect("item").keys().map(|m| m.to_uppercase()).collect() };
    let concrete = |template: &str| template.replace("{id}", "1").replace("{code}", "610902");
    for template in paths.keys() {
        let path = concrete(template);
        let documented = methods_of(template);
        // `/postings/managed` is also `/postings/{id}`: methods of the other template reach its handler.
        let covers = |t: &str| {
            let (t, p): (Vec<&str>, Vec<&str>) = (t.split('/').collect(), path.split('/').collect());
            t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| t == p || t.starts_with('{'))
        };
        let elsewhere: Vec<String> = paths.keys().filter(|t| *t != template && covers(t)).flat_map(|t| methods_of(t)).collect();
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"].into_iter().filter(|m| !elsewhere.iter().any(|e| e == m)) {
            let request = client.http.request(method.parse().expect("method"), format!("{}{path}", client.base));
            let res = request.header("content-type", "application/json").body("{}").send().await.expect("sent");
            let status = res.status();
            if documented.iter().any(|m| m == method) {
                let text = res.text().await.expect("text");
                assert!(status != StatusCode::METHOD_NOT_ALLOWED && !text.contains("no such endpoint"), "{method} {path} is not routed: {status} {text}");
                continue;
            }
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            let allow = res.headers().get("allow").expect("allow header").to_str().expect("ascii").to_string();
            let mut allowed: Vec<&str> = allow.split(", ").collect();
            allowed.sort_unstable();
            let mut expected: Vec<&str> = documented.iter().map(String::as_str).collect();
            if !template.starts_with("/api/") {
                expected.push("HEAD"); // operations paths live beside the frontend, which takes GET and HEAD
            }
            expected.sort_unstable();
            assert_eq!(allowed, expected, "{method} {path}");
        }
    }
    let site = client.http.post(format!("{}/jobs/42", client.base)).send().await.expect("sent");
    assert_eq!(site.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(site.headers().get("allow").map(|v| v.to_str().expect("ascii")), Some("GET, HEAD"));
    assert_eq!(client.http.delete(format!("{}/api/v1/nowhere", client.base)).send().await.expect("sent").status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_json_array_is_refused_where_an_object_is_required() {
    let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("app");
    let client = app.anonymous();

    let res = client.post_raw("/api/v1/auth/login", "application/json", br#"["admin", "guess"]"#.to_vec()).await;

    crate::helpers::assert_error(res, StatusCode::BAD_REQUEST, doorstep_shared::api::ErrorCode::InvalidJson).await;
}
