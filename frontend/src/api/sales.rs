//! The product-sales platform: the shop's search and products, producers
//! (staff verify them, link accounts), a producer's products, stock and
//! images, orders (placed with a retry key, followed by buyers, fulfilled by
//! producers and staff) and the sales figures.

use doorstep_shared::api::{
    CancelOrderRequest, Order, OrderPage, OrderRequest, OrderStatus, Producer, ProducerAccountRequest, ProducerPage, ProducerRequest, ProducerStatus, Product,
    ProductCategory, ProductPage, ProductRequest, ProductSort, ProductStatus, ProductUpdate, SalesFigures, ShipRequest, StockChange,
};
use gloo_net::http::Request;

use super::client::{fetch_json, get_with, paging, plain, with_body, with_json, ApiError};

/// Products per page of the shop: few, for slow mobile data.
pub const SHOP_PER_PAGE: u32 = 10;
/// Orders, producers and a producer's products per page.
pub const SALES_PER_PAGE: u32 = 10;

/// The filters of a product search, as the shop keeps them in its address.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProductSearch {
    /// Words, Chinese or English.
    pub q: String,
    /// Only this category.
    pub category: Option<ProductCategory>,
    /// Only this producer's products.
    pub producer_id: Option<i64>,
    /// The order of the results.
    pub sort: ProductSort,
    /// Page number from 1.
    pub page: u32,
}

/// Products on sale, matching words and filters.
pub async fn search_products(search: &ProductSearch) -> Result<ProductPage, ApiError> {
    let mut query = vec![
        ("q", search.q.trim().to_string()),
        ("category", search.category.map(|c| c.as_str().to_string()).unwrap_or_default()),
        ("producer_id", search.producer_id.map(|id| id.to_string()).unwrap_or_default()),
        ("sort", if search.sort == ProductSort::Relevance { String::new() } else { search.sort.as_str().to_string() }),
    ];
    query.extend(paging(search.page, SHOP_PER_PAGE));
    fetch_json(get_with("/api/v1/products", &query)?).await
}

/// Reads one product.
pub async fn get_product(id: i64) -> Result<Product, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/products/{id}")))?).await
}

/// Reads one producer.
pub async fn get_producer(id: i64) -> Result<Producer, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/producers/{id}")))?).await
}

/// Producers in the caller's jurisdiction (staff), optionally of one status.
pub async fn list_producers(status: Option<ProducerStatus>, page: u32) -> Result<ProducerPage, ApiError> {
    let mut query = vec![("status", status.map(|s| s.as_str().to_string()).unwrap_or_default())];
    query.extend(paging(page, SALES_PER_PAGE));
    fetch_json(get_with("/api/v1/producers", &query)?).await
}

/// Registers a producer (staff); it starts pending.
pub async fn create_producer(request: &ProducerRequest) -> Result<Producer, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/producers"), request)?).await
}

/// Verifies a producer (staff): it may list products.
pub async fn verify_producer(id: i64) -> Result<Producer, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/producers/{id}/verify")))?).await
}

/// Suspends a producer (staff): its products are no longer shown.
pub async fn suspend_producer(id: i64) -> Result<Producer, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/producers/{id}/suspend")))?).await
}

/// Lets an account act for a producer (staff).
pub async fn link_producer_account(id: i64, username: String) -> Result<Producer, ApiError> {
    let url = format!("/api/v1/producers/{id}/accounts");
    fetch_json(with_json(Request::post(&url), &ProducerAccountRequest { username })?).await
}

/// A producer's products in every status, for those who act for it.
pub async fn producer_products(producer_id: i64, status: Option<ProductStatus>, page: u32) -> Result<ProductPage, ApiError> {
    let mut query = vec![("status", status.map(|s| s.as_str().to_string()).unwrap_or_default())];
    query.extend(paging(page, SALES_PER_PAGE));
    fetch_json(get_with(&format!("/api/v1/producers/{producer_id}/products"), &query)?).await
}

/// Adds a product to a producer, as a draft.
pub async fn create_product(producer_id: i64, request: &ProductRequest) -> Result<Product, ApiError> {
    fetch_json(with_json(Request::post(&format!("/api/v1/producers/{producer_id}/products")), request)?).await
}

/// Changes a product's title, category, price, unit, weight or description.
pub async fn update_product(product_id: i64, update: &ProductUpdate) -> Result<Product, ApiError> {
    fetch_json(with_json(Request::patch(&format!("/api/v1/products/{product_id}")), update)?).await
}

/// Adds units to stock (positive) or takes them away (negative).
pub async fn change_stock(product_id: i64, change: i64) -> Result<Product, ApiError> {
    fetch_json(with_json(Request::post(&format!("/api/v1/products/{product_id}/stock")), &StockChange { change })?).await
}

/// Puts a product on sale.
pub async fn list_product(product_id: i64) -> Result<Product, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/products/{product_id}/list")))?).await
}

/// Takes a product off sale.
pub async fn delist_product(product_id: i64) -> Result<Product, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/products/{product_id}/delist")))?).await
}

/// Adds an image (the chosen `File` as the raw body) after the product's others.
pub async fn upload_product_image(product_id: i64, file: wasm_bindgen::JsValue) -> Result<Product, ApiError> {
    fetch_json(with_body(Request::post(&format!("/api/v1/products/{product_id}/images")), file)?).await
}

/// Takes the image at `position` off a product.
pub async fn delete_product_image(product_id: i64, position: u8) -> Result<Product, ApiError> {
    fetch_json(plain(Request::delete(&format!("/api/v1/products/{product_id}/images/{position}")))?).await
}

/// Places an order. `key` names this attempt: a retry with the same key and
/// body answers the same order rather than placing a second.
pub async fn place_order(request: &OrderRequest, key: &str) -> Result<Order, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/orders").header("Idempotency-Key", key), request)?).await
}

/// Reads an order: the buyer's own, a guest's with its code, or the parts a producer or staff fulfil.
pub async fn get_order(id: i64, code: Option<&str>) -> Result<Order, ApiError> {
    fetch_json(get_with(&format!("/api/v1/orders/{id}"), &[("code", code.unwrap_or_default().trim().to_string())])?).await
}

/// Which side of the orders to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrdersView {
    /// The caller's purchases.
    Bought,
    /// The orders a producer's account or staff fulfil.
    Sold,
}

/// Orders, newest first, optionally only those with a part in one status.
pub async fn list_orders(view: OrdersView, status: Option<OrderStatus>, page: u32) -> Result<OrderPage, ApiError> {
    let view = match view {
        OrdersView::Bought => "bought",
        OrdersView::Sold => "sold",
    };
    let mut query = vec![("view", view.to_string()), ("status", status.map(|s| s.as_str().to_string()).unwrap_or_default())];
    query.extend(paging(page, SALES_PER_PAGE));
    fetch_json(get_with("/api/v1/orders", &query)?).await
}

/// A move of one producer's part of an order.
#[derive(Debug, Clone)]
pub enum PartMove {
    /// The payment came in (cash on delivery, a transfer).
    Pay,
    /// Sent, with the carrier and its tracking number.
    Ship(ShipRequest),
    /// Received.
    Deliver,
    /// Called off before shipping, with a reason.
    Cancel(String),
}

/// Moves a part of an order; a guest buyer passes the order's code.
pub async fn move_order_part(part_id: i64, step: &PartMove, code: Option<&str>) -> Result<Order, ApiError> {
    let verb = match step {
        PartMove::Pay => "pay",
        PartMove::Ship(_) => "ship",
        PartMove::Deliver => "deliver",
        PartMove::Cancel(_) => "cancel",
    };
    let builder = Request::post(&format!("/api/v1/order-parts/{part_id}/{verb}")).query(code.map(|code| ("code", code.trim())));
    let request = match step {
        PartMove::Pay | PartMove::Deliver => plain(builder)?,
        PartMove::Ship(ship) => with_json(builder, ship)?,
        PartMove::Cancel(reason) => with_json(builder, &CancelOrderRequest { reason: reason.clone() })?,
    };
    fetch_json(request).await
}

/// The sales figures of the caller's jurisdiction (or a region of it) for months `from` to `to` (`YYYY-MM`).
pub async fn sales_figures(from: &str, to: &str, region: &str) -> Result<SalesFigures, ApiError> {
    let query = [("from", from.to_string()), ("to", to.to_string()), ("region", region.to_string())];
    fetch_json(get_with("/api/v1/sales/figures", &query)?).await
}
