//! The categories each city or county favours (`region_priorities`). A
//! setting is replaced whole, with its audit entry, in one transaction.

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, CategoryPriority};
use doorstep_shared::types::RegionCode;

use super::{append_audit, Db, RowDecoder};
use crate::clock::now;

#[derive(sqlx::FromRow)]
struct PriorityRow {
    region_code: String,
    category: String,
    weight: i64,
}

impl PriorityRow {
    fn decode(self) -> anyhow::Result<(RegionCode, CategoryPriority)> {
        // The key is (region, category); the region's digits name the row.
        let d = RowDecoder::new("region_priorities", self.region_code.parse().unwrap_or_default());
        let region = d.region("region_code", &self.region_code)?;
        let category = d.spelled("category", &self.category, AssistanceCategory::parse)?;
        let weight = d.number("weight", self.weight)?;
        Ok((region, CategoryPriority { category, weight }))
    }
}

/// Every setting of every region (a few rows per city or county).
#[tracing::instrument(skip_all)]
pub async fn list_region_priorities(db: &Db) -> anyhow::Result<Vec<(RegionCode, CategoryPriority)>> {
    let rows = sqlx::query_as::<_, PriorityRow>("SELECT region_code, category, weight FROM region_priorities ORDER BY region_code, category")
        .fetch_all(db.pool())
        .await
        .context("list region priorities")?;
    rows.into_iter().map(PriorityRow::decode).collect()
}

/// Replaces a region's setting by `list` (empty clears it), audited as `actor`'s.
#[tracing::instrument(skip_all, fields(region = %region, count = list.len()))]
pub async fn replace_region_priorities(db: &Db, region: &RegionCode, list: &[CategoryPriority], actor: i64) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query("DELETE FROM region_priorities WHERE region_code = $1").bind(region.as_ref()).execute(&mut *tx).await.context("clear region priorities")?;
    let at = now();
    for p in list {
        sqlx::query("INSERT INTO region_priorities (region_code, category, weight, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(region.as_ref())
            .bind(p.category.as_str())
            .bind(i64::from(p.weight))
            .bind(actor)
            .bind(at)
            .execute(&mut *tx)
            .await
            .context("insert region priority")?;
    }
    let entity_id: i64 = region.as_ref().parse().context("region code as audit id")?;
    append_audit(&mut tx, actor, "region.set_priorities", "region", entity_id).await?;
    tx.commit().await.context("commit region priorities")?;
    Ok(())
}
