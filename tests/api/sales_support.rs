//! A sales world for the platform's tests: Hanbin staff, registered
//! households, a verified producer and listed products, made through the
//! HTTP API as staff and producers make them.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{body, id_number, person_json, Client, TestApp};

/// Staff of Hanbin district (610902) and households registered there.
pub struct SalesWorld {
    pub staff: Client,
    pub households: Vec<i64>,
}

/// Hanbin staff and `n` households in 老城街道, numbered from `from`.
pub async fn sales_world(app: &TestApp, from: u16, n: u16) -> SalesWorld {
    let staff = app.staff("staff_hanbin", "610902").await;
    let mut households = Vec::new();
    for i in from..from + n {
        households.push(staff.register_person(&person_json(&format!("农户{i}"), &id_number("610902", 1975, i))).await);
    }
    SalesWorld { staff, households }
}

/// A producer request: `shares` are (person, share); the remainder goes to the first.
pub fn producer_json(name: &str, kind: &str, region: &str, shares: &[(i64, u32)]) -> Value {
    json!({
        "name": name,
        "kind": kind,
        "region_code": region,
        "contact_phone": "13900001111",
        "description": "富硒茶园，带动周边农户增收",
        "beneficiaries": shares.iter().map(|(p, s)| json!({"person_id": p, "share": s})).collect::<Vec<_>>(),
    })
}

/// Registers and verifies a producer; returns its id.
pub async fn verified_producer(staff: &Client, request: &Value) -> i64 {
    let res = staff.post_json("/api/v1/producers", request).await;
    let status = res.status();
    let created = body(res).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("producer id");
    let verified = staff.post_json(&format!("/api/v1/producers/{id}/verify"), &json!({})).await;
    assert_eq!(verified.status(), StatusCode::OK, "{}", verified.text().await.unwrap_or_default());
    id
}

/// A product request of `category` at `price_fen` a unit with `stock` units.
pub fn product_json(title: &str, category: &str, price_fen: i64, stock: u32) -> Value {
    json!({"title": title, "category": category, "description": "安康山区出产", "price_fen": price_fen, "unit": "盒", "weight_grams": 250, "stock": stock})
}

/// Adds a product to the producer and lists it; returns its id.
pub async fn listed_product(client: &Client, producer_id: i64, request: &Value) -> i64 {
    let res = client.post_json(&format!("/api/v1/producers/{producer_id}/products"), request).await;
    let status = res.status();
    let created = body(res).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("product id");
    let listed = client.post_json(&format!("/api/v1/products/{id}/list"), &json!({})).await;
    assert_eq!(listed.status(), StatusCode::OK, "{}", listed.text().await.unwrap_or_default());
    id
}

/// An order request for (product, quantity) lines, to a buyer in Hanbin.
pub fn order_json(lines: &[(i64, u32)]) -> Value {
    json!({
        "items": lines.iter().map(|(p, q)| json!({"product_id": p, "quantity": q})).collect::<Vec<_>>(),
        "buyer_name": "市机关食堂",
        "buyer_phone": "13700002222",
        "address": "安康市汉滨区兴安路 1 号",
        "note": "",
    })
}

impl Client {
    /// `POST` a JSON body with an `Idempotency-Key` header.
    pub async fn post_keyed(&self, path: &str, key: &str, body: &Value) -> reqwest::Response {
        self.http.post(format!("{}{path}", self.base)).header("Idempotency-Key", key).json(body).send().await.expect("request sent")
    }
}
