//! Orders as they are read back: the order, its parts (one per producer)
//! and their lines; and the lists buyers, producers and staff see.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::OrderStatus;
use doorstep_shared::types::RegionCode;

use super::{Db, Placeholders, RowDecoder, StorageError};

/// One line of a part.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredOrderItem {
    pub part_id: i64,
    pub product_id: i64,
    pub title: String,
    pub price_fen: i64,
    pub quantity: i64,
    pub line_fen: i64,
}

/// One producer's part of an order.
#[derive(Debug, Clone)]
pub struct StoredOrderPart {
    pub id: i64,
    pub order_id: i64,
    pub producer_id: i64,
    pub producer_name: String,
    pub producer_region: RegionCode,
    pub total_fen: i64,
    pub status: OrderStatus,
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub cancel_reason: Option<String>,
    pub paid_at: Option<i64>,
    pub shipped_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub cancelled_at: Option<i64>,
    pub items: Vec<StoredOrderItem>,
}

/// An order with all its parts.
#[derive(Debug, Clone)]
pub struct StoredOrder {
    pub id: i64,
    pub buyer_user_id: Option<i64>,
    pub buyer_name: String,
    pub buyer_phone: String,
    pub address: String,
    pub note: String,
    pub total_fen: i64,
    pub view_code: String,
    pub created_at: i64,
    pub parts: Vec<StoredOrderPart>,
}

#[derive(sqlx::FromRow)]
struct OrderRow {
    id: i64,
    buyer_user_id: Option<i64>,
    buyer_name: String,
    buyer_phone: String,
    address: String,
    note: String,
    total_fen: i64,
    view_code: String,
    created_at: i64,
}

#[derive(sqlx::FromRow)]
struct PartRow {
    id: i64,
    order_id: i64,
    producer_id: i64,
    producer_name: String,
    producer_region: String,
    total_fen: i64,
    status: String,
    carrier: Option<String>,
    tracking_number: Option<String>,
    cancel_reason: Option<String>,
    paid_at: Option<i64>,
    shipped_at: Option<i64>,
    delivered_at: Option<i64>,
    cancelled_at: Option<i64>,
}

impl PartRow {
    fn decode(self, items: Vec<StoredOrderItem>) -> anyhow::Result<StoredOrderPart> {
        let d = RowDecoder::new("order_parts", self.id);
        Ok(StoredOrderPart {
            status: d.spelled("status", &self.status, OrderStatus::parse)?,
            producer_region: d.region("producer_region", &self.producer_region)?,
            id: self.id,
            order_id: self.order_id,
            producer_id: self.producer_id,
            producer_name: self.producer_name,
            total_fen: self.total_fen,
            carrier: self.carrier,
            tracking_number: self.tracking_number,
            cancel_reason: self.cancel_reason,
            paid_at: self.paid_at,
            shipped_at: self.shipped_at,
            delivered_at: self.delivered_at,
            cancelled_at: self.cancelled_at,
            items,
        })
    }
}

const PART_SELECT: &str = "SELECT o.id, o.order_id, o.producer_id, p.name AS producer_name, o.producer_region, o.total_fen, o.status, o.carrier, \
     o.tracking_number, o.cancel_reason, o.paid_at, o.shipped_at, o.delivered_at, o.cancelled_at FROM order_parts o JOIN producers p ON p.id = o.producer_id";

fn bind_ids<'q, O>(
    mut q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    ids: &[i64],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    for id in ids {
        q = q.bind(*id);
    }
    q
}

/// Orders by id, in id order, each with every part and line.
pub async fn orders_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredOrder>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let in_list = Placeholders::default().list(ids.len());
    let order_sql = format!(
        "SELECT id, buyer_user_id, buyer_name, buyer_phone, address, note, total_fen, view_code, created_at FROM orders WHERE id IN ({in_list}) ORDER BY id"
    );
    let orders = bind_ids(sqlx::query_as::<_, OrderRow>(&order_sql), ids).fetch_all(db.pool()).await.context("orders by id")?;
    let part_sql = format!("{PART_SELECT} WHERE o.order_id IN ({in_list}) ORDER BY o.id");
    let parts = bind_ids(sqlx::query_as::<_, PartRow>(&part_sql), ids).fetch_all(db.pool()).await.context("order parts")?;
    let part_ids: Vec<i64> = parts.iter().map(|p| p.id).collect();
    let mut items = items_of(db, &part_ids).await?;
    let mut by_order: HashMap<i64, Vec<StoredOrderPart>> = HashMap::new();
    for row in parts {
        let id = row.id;
        let part = row.decode(items.remove(&id).unwrap_or_default())?;
        by_order.entry(part.order_id).or_default().push(part);
    }
    Ok(orders
        .into_iter()
        .map(|o| StoredOrder {
            parts: by_order.remove(&o.id).unwrap_or_default(),
            id: o.id,
            buyer_user_id: o.buyer_user_id,
            buyer_name: o.buyer_name,
            buyer_phone: o.buyer_phone,
            address: o.address,
            note: o.note,
            total_fen: o.total_fen,
            view_code: o.view_code,
            created_at: o.created_at,
        })
        .collect())
}

async fn items_of(db: &Db, part_ids: &[i64]) -> anyhow::Result<HashMap<i64, Vec<StoredOrderItem>>> {
    let mut items: HashMap<i64, Vec<StoredOrderItem>> = HashMap::new();
    if part_ids.is_empty() {
        return Ok(items);
    }
    let sql = format!(
        "SELECT part_id, product_id, title, price_fen, quantity, line_fen FROM order_items WHERE part_id IN ({}) ORDER BY id",
        Placeholders::default().list(part_ids.len())
    );
    for item in bind_ids(sqlx::query_as::<_, StoredOrderItem>(&sql), part_ids).fetch_all(db.pool()).await.context("order items")? {
        items.entry(item.part_id).or_default().push(item);
    }
    Ok(items)
}

pub async fn get_order(db: &Db, id: i64) -> Result<StoredOrder, StorageError> {
    let mut found = orders_by_ids(db, &[id]).await?;
    found.pop().ok_or(StorageError::NotFound("order"))
}

/// One part with its lines.
pub async fn get_order_part(db: &Db, id: i64) -> Result<StoredOrderPart, StorageError> {
    let row = sqlx::query_as::<_, PartRow>(&format!("{PART_SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("order part")?
        .ok_or(StorageError::NotFound("order part"))?;
    let mut items = items_of(db, &[id]).await?;
    Ok(row.decode(items.remove(&id).unwrap_or_default())?)
}

/// Whose orders to list; every value is bound, never spliced.
#[derive(Debug, Clone)]
pub enum OrderFilter {
    /// A buyer's own orders.
    Buyer(i64),
    /// Orders with a part for this producer.
    Producer(i64),
    /// Orders with a part for a producer inside this region prefix ("" for everywhere).
    Region(String),
}

/// Orders matching `f` (and, when given, with a part in `status`), newest
/// first, and how many match in all.
pub async fn list_orders(db: &Db, f: &OrderFilter, status: Option<OrderStatus>, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredOrder>, i64)> {
    let status = status.map_or("", OrderStatus::as_str);
    let condition = match f {
        OrderFilter::Buyer(_) => "r.buyer_user_id = $1",
        OrderFilter::Producer(_) => "o.producer_id = $1",
        OrderFilter::Region(_) => "o.producer_region LIKE $1",
    };
    let from = format!("FROM orders r WHERE EXISTS (SELECT 1 FROM order_parts o WHERE o.order_id = r.id AND {condition} AND ($2 = '' OR o.status = $2))");
    let ids_sql = format!("SELECT r.id {from} ORDER BY r.id DESC LIMIT $3 OFFSET $4");
    let count_sql = format!("SELECT COUNT(*) {from}");
    let ids: Vec<i64> = bind_filter(sqlx::query_as(&ids_sql), f)
        .bind(status)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .context("list orders")?
        .into_iter()
        .map(|(id,)| id)
        .collect();
    let (total,) = bind_filter(sqlx::query_as(&count_sql), f).bind(status).fetch_one(db.pool()).await.context("count orders")?;
    let mut orders = orders_by_ids(db, &ids).await?;
    orders.sort_by_key(|o| std::cmp::Reverse(o.id));
    Ok((orders, total))
}

/// Binds the filter's value as `$1`.
fn bind_filter<'q, O>(
    q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    f: &OrderFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    match f {
        OrderFilter::Buyer(id) | OrderFilter::Producer(id) => q.bind(*id),
        OrderFilter::Region(prefix) => q.bind(format!("{prefix}%")),
    }
}
