//! The rows the sales figures add up: each household's income from each
//! delivered part, where the household lived when it was attributed, and
//! the households' verified assistance categories.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::AssistanceCategory;
use doorstep_shared::types::RegionCode;

use super::{Db, RowDecoder};

/// One household's income from one delivered part.
#[derive(Debug, Clone)]
pub struct IncomeRow {
    pub part_id: i64,
    pub person_id: i64,
    pub name: String,
    pub region: RegionCode,
    /// YYYY-MM of delivery.
    pub month: String,
    pub amount_fen: i64,
}

/// Income rows of households attributed inside `region_prefix` ("" for
/// everywhere) in months `from..=to` (YYYY-MM).
pub async fn income_rows(db: &Db, region_prefix: &str, from: &str, to: &str) -> anyhow::Result<Vec<IncomeRow>> {
    let rows: Vec<(i64, i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT i.part_id, i.person_id, p.name, i.person_region, i.month, i.amount_fen FROM sales_income i JOIN people p ON p.id = i.person_id \
         WHERE i.person_region LIKE $1 AND i.month >= $2 AND i.month <= $3 ORDER BY i.part_id, i.person_id",
    )
    .bind(format!("{region_prefix}%"))
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await
    .context("income rows")?;
    rows.into_iter()
        .map(|(part_id, person_id, name, region, month, amount_fen)| {
            Ok(IncomeRow { part_id, person_id, name, region: RowDecoder::new("sales_income", part_id).region("person_region", &region)?, month, amount_fen })
        })
        .collect()
}

/// The verified categories of the households with income inside `region_prefix` in the months.
pub async fn income_categories(db: &Db, region_prefix: &str, from: &str, to: &str) -> anyhow::Result<HashMap<i64, Vec<AssistanceCategory>>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT DISTINCT c.person_id, c.category FROM person_categories c JOIN sales_income i ON i.person_id = c.person_id \
         WHERE c.verified = 1 AND i.person_region LIKE $1 AND i.month >= $2 AND i.month <= $3",
    )
    .bind(format!("{region_prefix}%"))
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await
    .context("income categories")?;
    let mut out: HashMap<i64, Vec<AssistanceCategory>> = HashMap::new();
    for (person, raw) in rows {
        out.entry(person).or_default().push(RowDecoder::new("person_categories", person).spelled("category", &raw, AssistanceCategory::parse)?);
    }
    Ok(out)
}
