//! Moving an order's parts: paying, shipping, delivering, cancelling. Each
//! move is a conditional UPDATE from the statuses it starts from, in one
//! transaction with what it brings: a cancelled part's units return to
//! stock; a delivered part's value is split among its producer's households
//! (`domain::split_income`) and recorded as their income.

use anyhow::Context;
use doorstep_shared::api::OrderStatus;
use sqlx::AnyConnection;

use super::{append_audit, append_change, Db, Placeholders, RowDecoder, MOVE_STOCK};
use crate::clock::now;
use crate::domain::{split_income, OrderMove};

/// What a move carries besides the status.
#[derive(Debug, Clone, Default)]
pub struct MoveDetails {
    pub carrier: Option<String>,
    pub tracking_number: Option<String>,
    pub cancel_reason: Option<String>,
}

/// How a part move ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartWrite {
    Done,
    /// The part was no longer in a status the move starts from; it is in this one.
    Moved(OrderStatus),
}

/// The column a move stamps with its time.
fn stamp(m: OrderMove) -> &'static str {
    match m {
        OrderMove::Pay => "paid_at",
        OrderMove::Ship => "shipped_at",
        OrderMove::Deliver => "delivered_at",
        OrderMove::Cancel => "cancelled_at",
    }
}

/// Moves one part; `month` (YYYY-MM, today's) dates the income of a
/// delivery. `actor` is `None` for a guest buyer (no account to audit).
#[tracing::instrument(skip_all, fields(part_id, ?m))]
pub async fn move_order_part(db: &Db, part_id: i64, m: OrderMove, details: &MoveDetails, month: &str, actor: Option<i64>) -> anyhow::Result<PartWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let sql = format!(
        "UPDATE order_parts SET status = $1, {} = $2, updated_at = $2, carrier = COALESCE($3, carrier), tracking_number = COALESCE($4, tracking_number), \
         cancel_reason = COALESCE($5, cancel_reason) WHERE id = $6 AND status IN ({})",
        stamp(m),
        Placeholders::after(6).list(m.from().len())
    );
    let mut q = sqlx::query(&sql)
        .bind(m.to().as_str())
        .bind(at)
        .bind(details.carrier.as_deref())
        .bind(details.tracking_number.as_deref())
        .bind(details.cancel_reason.as_deref())
        .bind(part_id);
    for f in m.from() {
        q = q.bind(f.as_str());
    }
    if q.execute(&mut *tx).await.context("move order part")?.rows_affected() == 0 {
        let (raw,): (String,) =
            sqlx::query_as("SELECT status FROM order_parts WHERE id = $1").bind(part_id).fetch_one(&mut *tx).await.context("part status")?;
        return Ok(PartWrite::Moved(RowDecoder::new("order_parts", part_id).spelled("status", &raw, OrderStatus::parse)?));
    }
    match m {
        OrderMove::Cancel => return_stock(&mut tx, db, part_id, at).await?,
        OrderMove::Deliver => attribute_income(&mut tx, part_id, month).await?,
        OrderMove::Pay | OrderMove::Ship => {}
    }
    if let Some(actor) = actor {
        append_audit(&mut tx, actor, m.action(), "order_part", part_id).await?;
    }
    tx.commit().await.context("commit order part move")?;
    Ok(PartWrite::Done)
}

/// Confirms the payment of every placed part of an order at once (paid as
/// one); returns how many parts it moved.
#[tracing::instrument(skip_all, fields(order_id))]
pub async fn pay_order(db: &Db, order_id: i64, actor: i64) -> anyhow::Result<u64> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let moved = sqlx::query("UPDATE order_parts SET status = 'paid', paid_at = $1, updated_at = $1 WHERE order_id = $2 AND status = 'placed'")
        .bind(at)
        .bind(order_id)
        .execute(&mut *tx)
        .await
        .context("pay order")?
        .rows_affected();
    if moved > 0 {
        append_audit(&mut tx, actor, "order.pay", "order", order_id).await?;
    }
    tx.commit().await.context("commit order payment")?;
    Ok(moved)
}

/// Puts a cancelled part's units back (listing sold-out products again).
async fn return_stock(conn: &mut AnyConnection, db: &Db, part_id: i64, at: i64) -> anyhow::Result<()> {
    let items: Vec<(i64, i64)> = sqlx::query_as("SELECT product_id, quantity FROM order_items WHERE part_id = $1 ORDER BY product_id")
        .bind(part_id)
        .fetch_all(&mut *conn)
        .await
        .context("part items")?;
    for (product_id, quantity) in items {
        sqlx::query(MOVE_STOCK).bind(quantity).bind(at).bind(product_id).execute(&mut *conn).await.context("return stock")?;
        append_change(conn, db.backend(), "product", product_id).await?;
    }
    Ok(())
}

/// Records the income a delivered part brings to its producer's households.
async fn attribute_income(conn: &mut AnyConnection, part_id: i64, month: &str) -> anyhow::Result<()> {
    let (producer_id, total, remainder): (i64, i64, i64) =
        sqlx::query_as("SELECT o.producer_id, o.total_fen, p.remainder_person_id FROM order_parts o JOIN producers p ON p.id = o.producer_id WHERE o.id = $1")
            .bind(part_id)
            .fetch_one(&mut *conn)
            .await
            .context("part to attribute")?;
    // Read on this transaction's connection: taking a second from the pool
    // while holding one could starve the pool under load.
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT b.person_id, b.share, p.home_region FROM producer_beneficiaries b JOIN people p ON p.id = b.person_id \
         WHERE b.producer_id = $1 ORDER BY b.person_id",
    )
    .bind(producer_id)
    .fetch_all(&mut *conn)
    .await
    .context("producer shares")?;
    let d = RowDecoder::new("producer_beneficiaries", producer_id);
    let mut shares = Vec::with_capacity(rows.len());
    let mut homes = std::collections::HashMap::new();
    for (person, share, home) in rows {
        shares.push((person, d.number::<u32>("share", share)?));
        homes.insert(person, d.region("home_region", &home)?);
    }
    let split = split_income(total, &shares, remainder);
    for (person_id, amount) in split {
        let home = homes.get(&person_id).with_context(|| format!("beneficiary {person_id} has no home"))?;
        sqlx::query("INSERT INTO sales_income (part_id, person_id, person_region, producer_id, amount_fen, month) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(part_id)
            .bind(person_id)
            .bind(home.as_ref())
            .bind(producer_id)
            .bind(amount)
            .bind(month)
            .execute(&mut *conn)
            .await
            .context("record income")?;
    }
    Ok(())
}
