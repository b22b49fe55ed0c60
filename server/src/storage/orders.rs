//! Placing an order: one transaction that records the client's retry key,
//! takes each line's units from stock with a conditional UPDATE (a line
//! short of stock rolls the whole order back), and writes the order, one
//! part per producer and the lines. Products are taken in id order, so two
//! orders never wait on each other's rows in opposite orders (PostgreSQL).

use std::collections::BTreeMap;

use anyhow::Context;
use sqlx::AnyConnection;

use super::{append_change, Db};
use crate::clock::now;
use crate::domain::OrderDraft;

/// A client's retry key: who sent it, the key, and the hash of the body.
#[derive(Debug, Clone)]
pub struct RetryKey {
    /// `user:ID` or `guest:PHONE`.
    pub scope: String,
    pub key: String,
    pub body_hash: String,
}

/// How placing an order ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceOrder {
    Placed(i64),
    /// The same key and body were placed before: this order.
    Replayed(i64),
    /// The key was used before with another body.
    KeyReused,
    /// Line `line` (its index in the request) wants more than is left: `left` units.
    Short {
        line: usize,
        left: u32,
    },
    /// Line `line` names a product that is not on sale (no such product, not
    /// listed, or its producer not verified).
    NotOnSale {
        line: usize,
    },
}

/// What one line took: its product's producer, title and price.
struct Taken {
    product_id: i64,
    producer_id: i64,
    title: String,
    price_fen: i64,
    quantity: u32,
}

/// Places an order for `draft`; `view_code` lets a guest follow it.
#[tracing::instrument(skip_all, fields(lines = draft.lines.len()))]
pub async fn place_order(db: &Db, draft: &OrderDraft, buyer_user: Option<i64>, retry: Option<&RetryKey>, view_code: &str) -> anyhow::Result<PlaceOrder> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    if let Some(r) = retry {
        // The first statement writes, so SQLite takes its write lock now (a
        // read first could not be upgraded under a concurrent writer).
        let fresh = sqlx::query("INSERT INTO order_requests (scope, key, body_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (scope, key) DO NOTHING")
            .bind(&r.scope)
            .bind(&r.key)
            .bind(&r.body_hash)
            .bind(at)
            .execute(&mut *tx)
            .await
            .context("record retry key")?
            .rows_affected()
            == 1;
        if !fresh {
            let (hash, order): (String, Option<i64>) = sqlx::query_as("SELECT body_hash, order_id FROM order_requests WHERE scope = $1 AND key = $2")
                .bind(&r.scope)
                .bind(&r.key)
                .fetch_one(&mut *tx)
                .await
                .context("read retry key")?;
            return Ok(match order {
                Some(id) if hash == r.body_hash => PlaceOrder::Replayed(id),
                _ => PlaceOrder::KeyReused,
            });
        }
    }
    let mut lines: Vec<(usize, i64, u32)> = draft.lines.iter().enumerate().map(|(i, &(product, quantity))| (i, product, quantity)).collect();
    lines.sort_by_key(|&(_, product, _)| product);
    let mut taken = Vec::with_capacity(lines.len());
    for (line, product_id, quantity) in lines {
        match take_stock(&mut tx, product_id, quantity, at).await? {
            Some((producer_id, title, price_fen)) => taken.push(Taken { product_id, producer_id, title, price_fen, quantity }),
            None => {
                return Ok(match units_on_sale(&mut tx, product_id).await? {
                    Some(left) => PlaceOrder::Short { line, left },
                    None => PlaceOrder::NotOnSale { line },
                });
            }
        }
    }
    let mut by_producer: BTreeMap<i64, Vec<&Taken>> = BTreeMap::new();
    for t in &taken {
        by_producer.entry(t.producer_id).or_default().push(t);
    }
    let line_fen = |t: &Taken| t.price_fen.checked_mul(i64::from(t.quantity)).context("line total overflows");
    let mut total = 0i64;
    for t in &taken {
        total = total.checked_add(line_fen(t)?).context("order total overflows")?;
    }
    let (order_id,): (i64,) = sqlx::query_as(
        "INSERT INTO orders (buyer_user_id, buyer_name, buyer_phone, address, note, total_fen, payment, view_code, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'offline', $7, $8) RETURNING id",
    )
    .bind(buyer_user)
    .bind(&draft.buyer_name)
    .bind(draft.buyer_phone.as_ref())
    .bind(&draft.address)
    .bind(&draft.note)
    .bind(total)
    .bind(view_code)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("insert order")?;
    for (producer_id, items) in &by_producer {
        let mut part_total = 0i64;
        for t in items {
            part_total += line_fen(t)?;
        }
        let (part_id,): (i64,) = sqlx::query_as(
            "INSERT INTO order_parts (order_id, producer_id, producer_region, total_fen, status, updated_at) \
             SELECT $1, id, region_code, $2, 'placed', $3 FROM producers WHERE id = $4 RETURNING id",
        )
        .bind(order_id)
        .bind(part_total)
        .bind(at)
        .bind(*producer_id)
        .fetch_one(&mut *tx)
        .await
        .context("insert order part")?;
        for t in items {
            sqlx::query("INSERT INTO order_items (part_id, product_id, title, price_fen, quantity, line_fen) VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(part_id)
                .bind(t.product_id)
                .bind(&t.title)
                .bind(t.price_fen)
                .bind(i64::from(t.quantity))
                .bind(line_fen(t)?)
                .execute(&mut *tx)
                .await
                .context("insert order item")?;
        }
    }
    if let Some(r) = retry {
        sqlx::query("UPDATE order_requests SET order_id = $1 WHERE scope = $2 AND key = $3")
            .bind(order_id)
            .bind(&r.scope)
            .bind(&r.key)
            .execute(&mut *tx)
            .await
            .context("remember the order of a retry key")?;
    }
    for t in &taken {
        append_change(&mut tx, db.backend(), "product", t.product_id).await?;
    }
    tx.commit().await.context("commit order")?;
    Ok(PlaceOrder::Placed(order_id))
}

/// Takes `quantity` units of a product on sale (listed, by a verified
/// producer); `None` when fewer are left. Returns its producer, title and price.
async fn take_stock(conn: &mut AnyConnection, product_id: i64, quantity: u32, at: i64) -> anyhow::Result<Option<(i64, String, i64)>> {
    sqlx::query_as(
        "UPDATE products SET stock = stock - $1, updated_at = $2, status = CASE WHEN stock - $1 = 0 THEN 'sold_out' ELSE status END \
         WHERE id = $3 AND status = 'listed' AND stock >= $1 \
         AND EXISTS (SELECT 1 FROM producers p WHERE p.id = products.producer_id AND p.status = 'verified') \
         RETURNING producer_id, title, price_fen",
    )
    .bind(i64::from(quantity))
    .bind(at)
    .bind(product_id)
    .fetch_optional(conn)
    .await
    .context("take stock")
}

/// Units left of a product on sale (listed or sold out, by a verified
/// producer); `None` when it is not on sale.
async fn units_on_sale(conn: &mut AnyConnection, product_id: i64) -> anyhow::Result<Option<u32>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT x.stock FROM products x JOIN producers p ON p.id = x.producer_id \
         WHERE x.id = $1 AND x.status IN ('listed', 'sold_out') AND p.status = 'verified'",
    )
    .bind(product_id)
    .fetch_optional(conn)
    .await
    .context("units on sale")?;
    Ok(row.map(|(s,)| u32::try_from(s).unwrap_or(0)))
}
