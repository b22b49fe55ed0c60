//! The built frontend as the server sends it: the precompressed twin the
//! browser accepts (brotli first, then gzip), typed by the original file and
//! with the caching each kind of file needs; the static shell in `index.html`.
//! The site comes from `cargo xtask site` (the browser tests need it too).

use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};
use reqwest::StatusCode;

use crate::helpers::{site_dir, spawn_app, Backend, TestApp};

async fn app() -> TestApp {
    spawn_app(Backend::Sqlite, Default::default()).await.expect("app")
}

/// GETs `path` saying which encodings the client accepts (`None`: no header).
async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> reqwest::Response {
    // No automatic decompression: the test compares the bytes as sent.
    let client = reqwest::Client::new();
    let mut request = client.get(format!("{}{path}", app.address));
    if let Some(accept) = accept {
        request = request.header(ACCEPT_ENCODING, accept);
    }
    request.send().await.expect("sent")
}

fn header(res: &reqwest::Response, name: reqwest::header::HeaderName) -> String {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// The hashed path of the main module, read from the built `index.html`.
fn main_module() -> String {
    let html = std::fs::read_to_string(site_dir().join("index.html")).expect("site built");
    let end = html.find("_bg.wasm").expect("the main module's path") + "_bg.wasm".len();
    let start = html[..end].rfind("/pkg/").expect("under /pkg/");
    html[start..end].to_string()
}

fn on_disk(path: &str) -> Vec<u8> {
    std::fs::read(site_dir().join(path.trim_start_matches('/'))).expect("file on disk")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_go_out_precompressed_in_the_best_encoding_the_browser_accepts() {
    let app = app().await;
    let wasm = main_module();

    for (accept, encoding, suffix) in [
        (Some("gzip, deflate, br, zstd"), "br", ".br"),
        (Some("br;q=0, gzip"), "gzip", ".gz"),
        (Some("*"), "br", ".br"),
        (Some("gzip;q=0, *"), "br", ".br"),
        (Some("deflate"), "", ""),
        (None, "", ""),
    ] {
        let res = get(&app, &wasm, accept).await;
        assert_eq!(res.status(), StatusCode::OK, "{accept:?}");
        assert_eq!(header(&res, CONTENT_TYPE), "application/wasm", "{accept:?}");
        let sent_encoding = header(&res, CONTENT_ENCODING);
        assert_eq!(sent_encoding.replace("identity", ""), encoding, "{accept:?}");
        assert!(header(&res, VARY).to_lowercase().contains("accept-encoding"));
        assert!(header(&res, CACHE_CONTROL).contains("immutable"), "hashed files are cached for good");
        let bytes = res.bytes().await.expect("body");
        assert_eq!(bytes.as_ref(), on_disk(&format!("{wasm}{suffix}")), "{accept:?}: the file as written by the build");
    }

    let res = get(&app, "/", Some("br")).await;
    assert_eq!(header(&res, CONTENT_ENCODING), "br");
    assert!(header(&res, CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&res, CACHE_CONTROL), "no-cache", "index.html names the current build, so it is revalidated");
    assert_eq!(res.bytes().await.expect("body").as_ref(), on_disk("index.html.br"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_routes_get_the_shell_and_odd_asset_paths_get_404() {
    let app = app().await;

    let res = get(&app, "/postings/12345", None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.expect("html");
    assert!(html.contains("id=\"shell\""), "the static shell paints before the app loads");
    assert!(html.contains("正在加载…"), "and says it is loading");

    let wasm = main_module();
    let build = wasm.trim_start_matches("/pkg/").split('/').next().expect("build dir").to_string();
    for path in [
        format!("{wasm}.br"),
        format!("/pkg/{build}/missing.wasm"),
        format!("/pkg/{build}/..%2Findex.html"),
        "/pkg/nothing/here.js".to_string(),
        format!("/pkg/.{build}/x.js"),
    ] {
        assert_eq!(get(&app, &path, Some("br")).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn head_answers_like_get_without_a_body() {
    let app = app().await;
    let client = reqwest::Client::new();
    let wasm = main_module();
    for (path, kind) in [("/healthz", "application/json"), (wasm.as_str(), "application/wasm"), ("/jobs", "text/html")] {
        let res = client.head(format!("{}{path}", app.address)).send().await.expect("sent");
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert!(header(&res, CONTENT_TYPE).starts_with(kind), "{path}: {}", header(&res, CONTENT_TYPE));
        assert!(res.bytes().await.expect("body").is_empty(), "{path}: HEAD sends no body");
    }
}
