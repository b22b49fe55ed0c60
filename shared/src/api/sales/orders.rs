//! Orders (`/api/v1/orders`): a buyer (signed in, or a guest with a phone
//! number) orders items from one or more producers and pays once; the order
//! is split into one part per producer, fulfilled on its own:
//! placed → paid → shipped → delivered, or cancelled before shipping.

use serde::{Deserialize, Serialize};

use super::{OrderStatus, PaymentMethod};

/// One line of an order request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderLine {
    /// The product.
    pub product_id: i64,
    /// Units, 1 to 999.
    pub quantity: u32,
}

/// Places an order (`POST /api/v1/orders`). Send an `Idempotency-Key` header
/// to retry safely: the same key and body answer the same order.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// What to buy; a product at most once.
    pub items: Vec<OrderLine>,
    /// Who receives it.
    pub buyer_name: String,
    /// The buyer's 11-digit mobile number.
    pub buyer_phone: String,
    /// Where to deliver.
    pub address: String,
    /// A note to the producers.
    #[serde(default)]
    pub note: String,
}

/// One line of an order as placed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderItem {
    /// The product.
    pub product_id: i64,
    /// Its title when ordered.
    pub title: String,
    /// Its unit price when ordered, fen.
    pub price_fen: i64,
    /// Units.
    pub quantity: u32,
    /// `price_fen × quantity`.
    pub line_fen: i64,
}

/// One producer's part of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPart {
    /// The part's id (its moves go by it).
    pub id: i64,
    /// The order it belongs to.
    pub order_id: i64,
    /// The producer that fulfils it.
    pub producer_id: i64,
    /// The producer's name.
    pub producer_name: String,
    /// Where it is.
    pub status: OrderStatus,
    /// The lines.
    pub items: Vec<OrderItem>,
    /// Sum of the lines, fen.
    pub total_fen: i64,
    /// Carrier, once shipped.
    pub carrier: Option<String>,
    /// Tracking number, once shipped.
    pub tracking_number: Option<String>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// When paid, shipped, delivered, cancelled (seconds since the Unix epoch).
    pub paid_at: Option<i64>,
    /// Shipped.
    pub shipped_at: Option<i64>,
    /// Delivered.
    pub delivered_at: Option<i64>,
    /// Cancelled.
    pub cancelled_at: Option<i64>,
}

/// Describes an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Order {
    /// The order's id.
    pub id: i64,
    /// Who receives it.
    pub buyer_name: String,
    /// The buyer's phone, for delivery.
    pub buyer_phone: String,
    /// Delivery address.
    pub address: String,
    /// The buyer's note.
    pub note: String,
    /// Sum of every part, fen: paid as one.
    pub total_fen: i64,
    /// How it is paid.
    pub payment: PaymentMethod,
    /// The least advanced status of its live parts (cancelled when all are).
    pub status: OrderStatus,
    /// One part per producer (only the caller's own for a producer account).
    pub parts: Vec<OrderPart>,
    /// The code a guest follows the order with (`GET /api/v1/orders/{id}?code=…`);
    /// only for the buyer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view_code: Option<String>,
    /// Placed, seconds since the Unix epoch.
    pub created_at: i64,
}

/// Lists orders, with the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderPage {
    /// The orders on this page, newest first.
    pub items: Vec<Order>,
    /// Matching orders in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Ships a part (`POST /api/v1/order-parts/{id}/ship`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ShipRequest {
    /// The carrier, for example 中国邮政 or 顺丰.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
}

/// Cancels a part or a whole order before shipping (`…/cancel`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelOrderRequest {
    /// Why.
    #[serde(default)]
    pub reason: String,
}
