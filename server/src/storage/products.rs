//! Products and their stock. Stock only moves by a conditional UPDATE (never
//! read, then written), so it never goes negative; a listed product whose
//! stock reaches 0 becomes sold out in the same statement, and one whose
//! stock returns is listed again. Every write appends a "product" change (the
//! search index follows) and, for people's actions, an audit row.

use anyhow::Context;
use doorstep_shared::api::{ProducerKind, ProducerStatus, ProductCategory, ProductStatus};
use doorstep_shared::types::RegionCode;

use super::{append_audit, append_change, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::ProductDraft;

/// A product as the database holds it, with what buyers see of its producer.
#[derive(Debug, Clone)]
pub struct StoredProduct {
    pub id: i64,
    pub producer_id: i64,
    pub producer_name: String,
    pub producer_kind: ProducerKind,
    pub producer_status: ProducerStatus,
    pub producer_region: RegionCode,
    /// `stock` is the stock now.
    pub content: ProductDraft,
    pub status: ProductStatus,
    pub created_at: i64,
    pub updated_at: i64,
}

impl StoredProduct {
    /// Shown to buyers: listed (or sold out) by a verified producer.
    pub fn on_sale(&self) -> bool {
        matches!(self.status, ProductStatus::Listed | ProductStatus::SoldOut) && self.producer_status == ProducerStatus::Verified
    }

    /// Found by product search: listed with stock by a verified producer
    /// (the rows `products_on_sale_page` reads).
    pub fn searchable(&self) -> bool {
        self.status == ProductStatus::Listed && self.content.stock > 0 && self.producer_status == ProducerStatus::Verified
    }
}

/// How a conditional write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductWrite {
    Done,
    /// The product was no longer in a status the write starts from; it is in this one.
    Moved(ProductStatus),
    /// The change would take stock below zero; this much is left.
    Short(u32),
}

#[derive(sqlx::FromRow)]
struct ProductRow {
    id: i64,
    producer_id: i64,
    producer_name: String,
    producer_kind: String,
    producer_status: String,
    producer_region: String,
    title: String,
    category: String,
    description: String,
    price_fen: i64,
    unit: String,
    weight_grams: i64,
    stock: i64,
    origin_region: String,
    status: String,
    created_at: i64,
    updated_at: i64,
}

impl ProductRow {
    fn decode(self) -> anyhow::Result<StoredProduct> {
        let d = RowDecoder::new("products", self.id);
        Ok(StoredProduct {
            id: self.id,
            producer_id: self.producer_id,
            producer_name: self.producer_name,
            producer_kind: d.spelled("producer_kind", &self.producer_kind, ProducerKind::parse)?,
            producer_status: d.spelled("producer_status", &self.producer_status, ProducerStatus::parse)?,
            producer_region: d.region("producer_region", &self.producer_region)?,
            content: ProductDraft {
                title: self.title,
                category: d.spelled("category", &self.category, ProductCategory::parse)?,
                description: self.description,
                price_fen: self.price_fen,
                unit: self.unit,
                weight_grams: d.number("weight_grams", self.weight_grams)?,
                stock: d.number("stock", self.stock)?,
                origin: d.region("origin_region", &self.origin_region)?,
            },
            status: d.spelled("status", &self.status, ProductStatus::parse)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

const SELECT: &str = "SELECT x.id, x.producer_id, p.name AS producer_name, p.kind AS producer_kind, p.status AS producer_status, \
     p.region_code AS producer_region, x.title, x.category, x.description, x.price_fen, x.unit, x.weight_grams, x.stock, x.origin_region, \
     x.status, x.created_at, x.updated_at FROM products x JOIN producers p ON p.id = x.producer_id";

/// Writes a draft product; returns its id.
#[tracing::instrument(skip_all, fields(producer_id))]
pub async fn insert_product(db: &Db, producer_id: i64, v: &ProductDraft, actor: i64) -> anyhow::Result<i64> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO products (producer_id, title, category, description, price_fen, unit, weight_grams, stock, origin_region, status, \
         created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    )
    .bind(producer_id)
    .bind(&v.title)
    .bind(v.category.as_str())
    .bind(&v.description)
    .bind(v.price_fen)
    .bind(&v.unit)
    .bind(i64::from(v.weight_grams))
    .bind(i64::from(v.stock))
    .bind(v.origin.as_ref())
    .bind(ProductStatus::Draft.as_str())
    .bind(actor)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("insert product")?;
    append_change(&mut tx, db.backend(), "product", id).await?;
    append_audit(&mut tx, actor, "product.create", "product", id).await?;
    tx.commit().await.context("commit product")?;
    Ok(id)
}

/// Replaces a product's content; its stock and status stay.
#[tracing::instrument(skip_all, fields(product_id = id))]
pub async fn update_product(db: &Db, id: i64, v: &ProductDraft, actor: i64) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query(
        "UPDATE products SET title = $1, category = $2, description = $3, price_fen = $4, unit = $5, weight_grams = $6, origin_region = $7, \
         updated_at = $8 WHERE id = $9",
    )
    .bind(&v.title)
    .bind(v.category.as_str())
    .bind(&v.description)
    .bind(v.price_fen)
    .bind(&v.unit)
    .bind(i64::from(v.weight_grams))
    .bind(v.origin.as_ref())
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await
    .context("update product")?;
    append_change(&mut tx, db.backend(), "product", id).await?;
    append_audit(&mut tx, actor, "product.update", "product", id).await?;
    tx.commit().await.context("commit product update")?;
    Ok(())
}

/// The SQL that moves a product's stock by `$1` (never below 0) and keeps
/// listed / sold out in step with it: one statement, so no order placed
/// meanwhile is lost. Binds: `$1` change, `$2` now, `$3` id.
pub(super) const MOVE_STOCK: &str = "UPDATE products SET stock = stock + $1, updated_at = $2, \
     status = CASE WHEN status = 'listed' AND stock + $1 = 0 THEN 'sold_out' WHEN status = 'sold_out' AND stock + $1 > 0 THEN 'listed' ELSE status END \
     WHERE id = $3 AND stock + $1 >= 0";

/// Adds units to stock or takes them away.
#[tracing::instrument(skip_all, fields(product_id = id, change))]
pub async fn change_stock(db: &Db, id: i64, change: i64, actor: i64) -> anyhow::Result<ProductWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    if sqlx::query(MOVE_STOCK).bind(change).bind(now()).bind(id).execute(&mut *tx).await.context("change stock")?.rows_affected() == 0 {
        let (stock,): (i64,) = sqlx::query_as("SELECT stock FROM products WHERE id = $1").bind(id).fetch_one(&mut *tx).await.context("stock")?;
        return Ok(ProductWrite::Short(RowDecoder::new("products", id).number("stock", stock)?));
    }
    append_change(&mut tx, db.backend(), "product", id).await?;
    append_audit(&mut tx, actor, "product.stock", "product", id).await?;
    tx.commit().await.context("commit stock")?;
    Ok(ProductWrite::Done)
}

/// Moves a product from one of `from` to `to`; listing a product without
/// stock makes it sold out.
#[tracing::instrument(skip_all, fields(product_id = id, to))]
pub async fn set_product_status(db: &Db, id: i64, from: &[ProductStatus], to: ProductStatus, actor: i64) -> anyhow::Result<ProductWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let sql = format!(
        "UPDATE products SET status = CASE WHEN $1 = 'listed' AND stock = 0 THEN 'sold_out' ELSE $1 END, updated_at = $2 \
         WHERE id = $3 AND status IN ({})",
        Placeholders::after(3).list(from.len())
    );
    let mut q = sqlx::query(&sql).bind(to.as_str()).bind(now()).bind(id);
    for f in from {
        q = q.bind(f.as_str());
    }
    if q.execute(&mut *tx).await.context("set product status")?.rows_affected() == 0 {
        let (raw,): (String,) = sqlx::query_as("SELECT status FROM products WHERE id = $1").bind(id).fetch_one(&mut *tx).await.context("product status")?;
        return Ok(ProductWrite::Moved(RowDecoder::new("products", id).spelled("status", &raw, ProductStatus::parse)?));
    }
    append_change(&mut tx, db.backend(), "product", id).await?;
    append_audit(&mut tx, actor, &format!("product.{}", to.as_str()), "product", id).await?;
    tx.commit().await.context("commit product status")?;
    Ok(ProductWrite::Done)
}

pub async fn get_product(db: &Db, id: i64) -> Result<StoredProduct, StorageError> {
    let mut found = products_by_ids(db, &[id]).await?;
    found.pop().ok_or(StorageError::NotFound("product"))
}

/// Products by id, in id order.
pub async fn products_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredProduct>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{SELECT} WHERE x.id IN ({}) ORDER BY x.id", Placeholders::default().list(ids.len()));
    let mut q = sqlx::query_as::<_, ProductRow>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(db.pool()).await.context("products by id")?.into_iter().map(ProductRow::decode).collect()
}

/// Products of a producer in any status (optionally one), newest first, and how many in all.
pub async fn producer_products(db: &Db, producer_id: i64, status: Option<ProductStatus>, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredProduct>, i64)> {
    let status = status.map(ProductStatus::as_str);
    let filter = "x.producer_id = $1 AND ($2 = '' OR x.status = $2)";
    let sql = format!("{SELECT} WHERE {filter} ORDER BY x.id DESC LIMIT $3 OFFSET $4");
    let rows = sqlx::query_as::<_, ProductRow>(&sql)
        .bind(producer_id)
        .bind(status.unwrap_or(""))
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .context("producer products")?;
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM products x WHERE {filter}"))
        .bind(producer_id)
        .bind(status.unwrap_or(""))
        .fetch_one(db.pool())
        .await
        .context("count producer products")?;
    Ok((rows.into_iter().map(ProductRow::decode).collect::<anyhow::Result<_>>()?, total))
}

/// The ids of the products of these producers (a producer's change reaches them).
pub async fn product_ids_of_producers(db: &Db, producer_ids: &[i64]) -> anyhow::Result<Vec<i64>> {
    if producer_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT id FROM products WHERE producer_id IN ({})", Placeholders::default().list(producer_ids.len()));
    let mut q = sqlx::query_as::<_, (i64,)>(&sql);
    for id in producer_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("products of producers")?.into_iter().map(|(id,)| id).collect())
}

/// Products on sale (listed with stock, by a verified producer) with id
/// above `after`, by id, at most `limit`: the search index's rebuild.
pub async fn products_on_sale_page(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<StoredProduct>> {
    let sql = format!("{SELECT} WHERE x.id > $1 AND x.status = 'listed' AND x.stock > 0 AND p.status = 'verified' ORDER BY x.id LIMIT $2");
    sqlx::query_as::<_, ProductRow>(&sql)
        .bind(after)
        .bind(limit)
        .fetch_all(db.pool())
        .await
        .context("products on sale")?
        .into_iter()
        .map(ProductRow::decode)
        .collect()
}
