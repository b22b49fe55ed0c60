//! Regions and skills: loading the shipped data, reading it back, corrections.

use anyhow::Context;

use doorstep_shared::api::Datum;
use doorstep_shared::types::RegionCode;

use super::{Db, Placeholders};
use crate::domain::{to_wgs84, Point};
use crate::reference::{Region, Skill};

const BATCH: usize = 200;

/// Inserts shipped regions that are missing; keeps rows staff have corrected.
#[tracing::instrument(skip_all, fields(count = regions.len()))]
pub async fn insert_missing_regions(db: &Db, regions: &[Region]) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    for chunk in regions.chunks(BATCH) {
        let sql = multi_row_insert(
            "INSERT INTO regions (code, parent_code, level, name, lat, lon, approximate, datum) VALUES ",
            8,
            chunk.len(),
            " ON CONFLICT (code) DO NOTHING",
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(&r.code)
                .bind(&r.parent_code)
                .bind(&r.level)
                .bind(&r.name)
                .bind(r.lat)
                .bind(r.lon)
                .bind(i64::from(r.approximate))
                .bind(Datum::Wgs84.as_str());
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
            "INSERT INTO skills (code, trade, name_zh, name_en, synonyms_zh, synonyms_en, occupation_code, occupation_terms) VALUES ",
            8,
            chunk.len(),
            " ON CONFLICT (code) DO UPDATE SET trade = excluded.trade, name_zh = excluded.name_zh, \
              name_en = excluded.name_en, synonyms_zh = excluded.synonyms_zh, \
              synonyms_en = excluded.synonyms_en, occupation_code = excluded.occupation_code, \
              occupation_terms = excluded.occupation_terms",
        );
        let mut q = sqlx::query(&sql);
        for s in chunk {
            q = q
                .bind(s.code.as_ref())
                .bind(&s.trade)
                .bind(&s.name_zh)
                .bind(&s.name_en)
                .bind(&s.synonyms_zh)
                .bind(&s.synonyms_en)
                .bind(&s.occupation_code)
                .bind(&s.occupation_terms);
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
    sqlx::query_as::<_, Skill>("SELECT code, trade, name_zh, name_en, synonyms_zh, synonyms_en, occupation_code, occupation_terms FROM skills")
        .fetch_all(db.pool())
        .await
        .context("list skills")
}

/// Records real (WGS84) points of regions, a staff correction or an
/// imported gazetteer, all in one transaction; they are no longer approximate.
#[tracing::instrument(skip_all, fields(count = points.len()))]
pub async fn update_region_points(db: &Db, points: &[(RegionCode, Point)]) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    for (code, p) in points {
        sqlx::query("UPDATE regions SET lat = $1, lon = $2, approximate = $3, datum = $4 WHERE code = $5")
            .bind(p.lat)
            .bind(p.lon)
            .bind(0_i64)
            .bind(Datum::Wgs84.as_str())
            .bind(code.as_ref())
            .execute(&mut *tx)
            .await
            .context("update region point")?;
    }
    tx.commit().await.context("commit region points")?;
    Ok(())
}

/// Every real (not approximate) point: what other processes may have set.
pub async fn list_real_region_points(db: &Db) -> anyhow::Result<Vec<(String, f64, f64)>> {
    sqlx::query_as("SELECT code, lat, lon FROM regions WHERE approximate = $1").bind(0_i64).fetch_all(db.pool()).await.context("list real region points")
}

/// Points stored before the service kept one datum are GCJ-02 (the bundled
/// cpca points, and corrections made against them): converts them to WGS84
/// once, at start-up. Returns how many rows it converted.
#[tracing::instrument(skip_all)]
pub async fn convert_old_region_points(db: &Db) -> anyhow::Result<usize> {
    let old: Vec<(String, f64, f64)> = sqlx::query_as("SELECT code, lat, lon FROM regions WHERE datum = $1")
        .bind(Datum::Gcj02.as_str())
        .fetch_all(db.pool())
        .await
        .context("list gcj-02 region points")?;
    let mut tx = db.pool().begin().await.context("begin")?;
    for (code, lat, lon) in &old {
        let p = to_wgs84(*lat, *lon, Datum::Gcj02);
        sqlx::query("UPDATE regions SET lat = $1, lon = $2, datum = $3 WHERE code = $4 AND datum = $5")
            .bind(p.lat)
            .bind(p.lon)
            .bind(Datum::Wgs84.as_str())
            .bind(code)
            .bind(Datum::Gcj02.as_str())
            .execute(&mut *tx)
            .await
            .context("convert region point")?;
    }
    tx.commit().await.context("commit converted region points")?;
    Ok(old.len())
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_number_across_rows() {
        assert_eq!(super::multi_row_insert("I ", 2, 2, ";"), "I ($1, $2), ($3, $4);");
    }
}
