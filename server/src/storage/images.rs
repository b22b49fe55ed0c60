//! Stored images (one row per content hash) and the up to four images of
//! each product, at positions 0..n with no gap (0 is the cover).
//!
//! Concurrency: attaching and removing first touch the product's row
//! (`updated_at`), which on PostgreSQL locks it until commit and on SQLite
//! takes the one write lock; changes to one product's images therefore run
//! one after another, and "the next position is the count" stays true. The
//! primary key and the `CHECK (position BETWEEN 0 AND 3)` stand behind it.
//! Every change appends a "product" row to the change feed (the search index
//! shows the cover) and an audit row, in the same transaction.

use std::collections::HashMap;

use anyhow::Context;
use sqlx::AnyConnection;

use super::{append_audit, append_change, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::images::{ImageHash, ProcessedImage};

/// The most images a product has.
pub const MAX_PRODUCT_IMAGES: u8 = 4;

/// One image of a product, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// 0 (the cover) to 3.
    pub position: u8,
    pub hash: ImageHash,
    /// The display image's size in pixels.
    pub width: u32,
    pub height: u32,
}

/// How attaching an image ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageAttach {
    /// Attached at this position.
    Attached(u8),
    /// The product already shows this image, at this position; nothing changed.
    AlreadyThere(u8),
    /// The product already has [`MAX_PRODUCT_IMAGES`]; nothing changed.
    Full,
}

/// Records an image (its files are stored already). Recording the same image
/// again, by anyone, changes nothing: the first uploader stays.
#[tracing::instrument(skip_all, fields(hash = %image.hash))]
pub async fn insert_image(db: &Db, image: &ProcessedImage, uploaded_by: i64) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO images (hash, width, height, bytes, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (hash) DO NOTHING")
        .bind(image.hash.as_ref())
        .bind(i64::from(image.width))
        .bind(i64::from(image.height))
        .bind(i64::try_from(image.display.len()).context("image size")?)
        .bind(uploaded_by)
        .bind(now())
        .execute(db.pool())
        .await
        .context("insert image")?;
    Ok(())
}

/// Touches the product (locking its row until commit); `NotFound` if there is none.
async fn lock_product(conn: &mut AnyConnection, product_id: i64) -> Result<(), StorageError> {
    let touched = sqlx::query("UPDATE products SET updated_at = $1 WHERE id = $2").bind(now()).bind(product_id).execute(conn).await.context("touch product")?;
    if touched.rows_affected() == 0 {
        return Err(StorageError::NotFound("product"));
    }
    Ok(())
}

/// Puts a recorded image after the product's others.
#[tracing::instrument(skip_all, fields(product_id = product_id, hash = %hash))]
pub async fn attach_product_image(db: &Db, product_id: i64, hash: &ImageHash, actor: i64) -> Result<ImageAttach, StorageError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    lock_product(&mut tx, product_id).await?;
    let shown: Option<(i64,)> = sqlx::query_as("SELECT position FROM product_images WHERE product_id = $1 AND image_hash = $2")
        .bind(product_id)
        .bind(hash.as_ref())
        .fetch_optional(&mut *tx)
        .await
        .context("find product image")?;
    if let Some((position,)) = shown {
        return Ok(ImageAttach::AlreadyThere(RowDecoder::new("product_images", product_id).number("position", position)?));
    }
    let inserted: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO product_images (product_id, position, image_hash) \
         SELECT $1, taken.n, $2 FROM (SELECT COUNT(*) AS n FROM product_images WHERE product_id = $1) taken WHERE taken.n < $3 \
         RETURNING position",
    )
    .bind(product_id)
    .bind(hash.as_ref())
    .bind(i64::from(MAX_PRODUCT_IMAGES))
    .fetch_optional(&mut *tx)
    .await
    .context("attach product image")?;
    let Some((position,)) = inserted else {
        return Ok(ImageAttach::Full);
    };
    append_change(&mut tx, db.backend(), "product", product_id).await?;
    append_audit(&mut tx, actor, "product.image.add", "product", product_id).await?;
    tx.commit().await.context("commit product image")?;
    Ok(ImageAttach::Attached(RowDecoder::new("product_images", product_id).number("position", position)?))
}

/// Takes the image at `position` off the product; the ones after it move up
/// one place. `NotFound` if the product or that position has none.
#[tracing::instrument(skip_all, fields(product_id = product_id, position = position))]
pub async fn remove_product_image(db: &Db, product_id: i64, position: u8, actor: i64) -> Result<(), StorageError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    lock_product(&mut tx, product_id).await?;
    let removed = sqlx::query("DELETE FROM product_images WHERE product_id = $1 AND position = $2")
        .bind(product_id)
        .bind(i64::from(position))
        .execute(&mut *tx)
        .await
        .context("remove product image")?;
    if removed.rows_affected() == 0 {
        return Err(StorageError::NotFound("product image"));
    }
    // One row at a time, lowest first: each moves into the place just freed, so the key never clashes.
    for from in i64::from(position) + 1..i64::from(MAX_PRODUCT_IMAGES) {
        sqlx::query("UPDATE product_images SET position = $1 WHERE product_id = $2 AND position = $3")
            .bind(from - 1)
            .bind(product_id)
            .bind(from)
            .execute(&mut *tx)
            .await
            .context("close the gap in product images")?;
    }
    append_change(&mut tx, db.backend(), "product", product_id).await?;
    append_audit(&mut tx, actor, "product.image.remove", "product", product_id).await?;
    tx.commit().await.context("commit product image removal")?;
    Ok(())
}

/// The images of each product, cover first; a product without images has no entry.
pub async fn product_images(db: &Db, product_ids: &[i64]) -> anyhow::Result<HashMap<i64, Vec<StoredImage>>> {
    let mut out: HashMap<i64, Vec<StoredImage>> = HashMap::new();
    if product_ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT p.product_id, p.position, p.image_hash, i.width, i.height FROM product_images p JOIN images i ON i.hash = p.image_hash \
         WHERE p.product_id IN ({}) ORDER BY p.product_id, p.position",
        Placeholders::default().list(product_ids.len())
    );
    let mut q = sqlx::query_as::<_, (i64, i64, String, i64, i64)>(&sql);
    for id in product_ids {
        q = q.bind(*id);
    }
    for (product_id, position, hash, width, height) in q.fetch_all(db.pool()).await.context("product images")? {
        let d = RowDecoder::new("product_images", product_id);
        let image = StoredImage {
            position: d.number("position", position)?,
            hash: ImageHash::parse(&hash).map_err(|_| d.corrupt("image_hash", &hash))?,
            width: d.number("width", width)?,
            height: d.number("height", height)?,
        };
        out.entry(product_id).or_default().push(image);
    }
    Ok(out)
}
