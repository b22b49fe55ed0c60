//! `/metrics`: a fixed set of series however many paths are asked for,
//! guarded by address range or bearer token, and a body that is what its
//! `content-encoding` says it is.

use std::io::Read;

use reqwest::StatusCode;

use crate::helpers::{spawn_app, Backend, TestOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn series_are_labelled_by_route_pattern_and_unknown_paths_share_one() {
    let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("app");
    let client = app.anonymous();
    for i in 0..50 {
        client.get(&format!("/no-such-page-{i}")).await;
        client.get(&format!("/api/v1/no-such-endpoint-{i}")).await;
        client.get(&format!("/api/v1/regions/{}", 610_902_000 + i)).await;
    }

    let text = client.get("/metrics").await.text().await.expect("text");

    assert!(!text.contains("no-such"), "an unknown path became a series");
    assert!(!text.contains("610902001"), "a path parameter became a series");
    assert!(text.contains(r#"endpoint="/api/v1/regions/{code}""#), "{text}");
    assert!(text.contains(r#"endpoint="UNMATCHED""#) || text.contains(r#"endpoint="/api/v1""#), "{text}");
    let series = text.lines().filter(|l| l.starts_with("doorstep_http_requests_total")).count();
    assert!(series <= 6, "{series} series: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_refused_outside_the_allowed_range_without_the_token() {
    let options = TestOptions {
        adjust: |s| {
            s.metrics.allow = vec!["10.0.0.0/8".parse().expect("cidr")];
            s.metrics.token = Some("scrape-secret".to_string().into());
        },
        ..TestOptions::default()
    };
    let app = spawn_app(Backend::Sqlite, options).await.expect("app");
    let client = app.anonymous();
    let scrape = |token: Option<&'static str>| {
        let request = client.http.get(format!("{}/metrics", client.base));
        match token {
            Some(t) => request.bearer_auth(t).send(),
            None => request.send(),
        }
    };

    assert_eq!(scrape(None).await.expect("sent").status(), StatusCode::FORBIDDEN);
    assert_eq!(scrape(Some("wrong")).await.expect("sent").status(), StatusCode::FORBIDDEN);
    let allowed = scrape(Some("scrape-secret")).await.expect("sent");
    assert_eq!(allowed.status(), StatusCode::OK);
    assert!(allowed.text().await.expect("text").contains("doorstep_http_requests_total"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scrape_asking_for_gzip_gets_a_body_that_matches_its_encoding() {
    let app = spawn_app(Backend::Sqlite, TestOptions::default()).await.expect("app");
    let client = app.anonymous();
    client.get("/healthz").await;

    let res = client.http.get(format!("{}/metrics", client.base)).header("accept-encoding", "gzip").send().await.expect("sent");

    assert_eq!(res.status(), StatusCode::OK);
    let encoding = res.headers().get("content-encoding").map(|v| v.to_str().expect("ascii").to_string());
    let bytes = res.bytes().await.expect("body");
    let text = match encoding.as_deref() {
        Some("gzip") => {
            let mut text = String::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut text).expect("the body is gzip as claimed");
            text
        }
        None => String::from_utf8(bytes.to_vec()).expect("plain text"),
        Some(other) => panic!("unexpected encoding {other}"),
    };
    assert!(text.contains("doorstep_http_requests_total"), "{text}");
}
