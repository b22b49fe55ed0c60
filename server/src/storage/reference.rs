//! Regions and skills: loading the shipped data, reading it back, corrections.

use anyhow::Context;

use super::{Db, Placeholders};
use crate::reference::{Region, Skill};

const BATCH: usize = 200;

/// Inserts shipped regions that are missing; keeps rows staff have corrected.
#[tracing::instrument(skip_all, fields(count = regions.len()))]
pub async fn insert_missing_regions(db: &Db, regions: &[Region]) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    for chunk in regions.chunks(BATCH) {
        let sql = multi_row_insert(
            "INSERT INTO regions (code, parent_code, level, name, lat, lon, approximate) VALUES ",
            7,
            chunk.len(),
            " ON CONFLICT (code) DO NOTHING",
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q.bind(&r.code).bind(&r.parent_code).bind(&r.level).bind(&r.name).bind(r.lat).bind(r.lon).bind(i64::from(r.approximate));
        }
        q.execute(&mut *tx).await.context("insert regions")?;
    }
    tx.commit().await.context("commit regions")?;
    Ok(())
}

/// Inserts or refreshes the shipped skills (names and synonyms improve between releases).
#[tracing::instrument(skip_all, fields(count = skills.len()))]
pub async fn upsert_skills(db: &Db, skills: &[Skill]) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    for chunk in skills.chunks(BATCH) {
        let sql = multi_row_insert(
            "INSERT INTO skills (code, trade, name_zh, name_en, synonyms_zh, synonyms_en, occupation_code) VALUES ",
            7,
            chunk.len(),
            " ON CONFLICT (code) DO UPDATE SET trade = excluded.trade, name_zh = excluded.name_zh, \
              name_en = excluded.name_en, synonyms_zh = excluded.synonyms_zh, \
              synonyms_en = excluded.synonyms_en, occupation_code = excluded.occupation_code",
        );
        let mut q = sqlx::query(&sql);
        for s in chunk {
            q = q.bind(s.code.as_ref()).bind(&s.trade).bind(&s.name_zh).bind(&s.name_en).bind(&s.synonyms_zh).bind(&s.synonyms_en).bind(&s.occupation_code);
        }
        q.execute(&mut *tx).await.context("upsert skills")?;
    }
    tx.commit().await.context("commit skills")?;
    Ok(())
}

/// `head (…), (…) tail`, numbered for `rows` rows of `cols` values.
fn multi_row_insert(head: &str, cols: usize, rows: usize, tail: &str) -> String {
    format!("{head}{}{tail}", Placeholders::default().rows(rows, cols))
}

#[derive(sqlx::FromRow)]
struct RegionRow {
    code: String,
    parent_code: Option<String>,
    level: String,
    name: String,
    lat: f64,
    lon: f64,
    approximate: i64,
}

pub async fn list_regions(db: &Db) -> anyhow::Result<Vec<Region>> {
    let rows = sqlx::query_as::<_, RegionRow>("SELECT code, parent_code, level, name, lat, lon, approximate FROM regions ORDER BY code")
        .fetch_all(db.pool())
        .await
        .context("list regions")?;
    Ok(rows
        .into_iter()
        .map(|r| Region { code: r.code, parent_code: r.parent_code, level: r.level, name: r.name, lat: r.lat, lon: r.lon, approximate: r.approximate != 0 })
        .collect())
}

pub async fn list_skills(db: &Db) -> anyhow::Result<Vec<Skill>> {
    sqlx::query_as::<_, Skill>("SELECT code, trade, name_zh, name_en, synonyms_zh, synonyms_en, occupation_code FROM skills")
        .fetch_all(db.pool())
        .await
        .context("list skills")
}

/// Records a staff correction of a region's point; it is no longer approximate.
pub async fn update_region_point(db: &Db, code: &str, lat: f64, lon: f64) -> anyhow::Result<()> {
    sqlx::query("UPDATE regions SET lat = $1, lon = $2, approximate = $3 WHERE code = $4")
        .bind(lat)
        .bind(lon)
        .bind(0_i64)
        .bind(code)
        .execute(db.pool())
        .await
        .context("update region point")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_across_rows() {
        assert_eq!(super::multi_row_insert("I ", 2, 2, ";"), "I ($1, $2), ($3, $4);");
    }
}
