//! Employers.

use anyhow::Context;
use doorstep_shared::api::EmployerKind;
use doorstep_shared::types::RegionCode;

use super::{Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;

/// An employer, decoded.
#[derive(Debug, Clone)]
pub struct EmployerRecord {
    pub id: i64,
    pub name: String,
    pub kind: EmployerKind,
    pub region_code: RegionCode,
    pub contact_name: String,
    pub contact_phone: String,
}

#[derive(sqlx::FromRow)]
struct EmployerRow {
    id: i64,
    name: String,
    kind: String,
    region_code: String,
    contact_name: String,
    contact_phone: String,
}

impl EmployerRow {
    fn decode(self) -> anyhow::Result<EmployerRecord> {
        let d = RowDecoder::new("employers", self.id);
        Ok(EmployerRecord {
            kind: d.spelled("kind", &self.kind, EmployerKind::parse)?,
            region_code: d.region("region_code", &self.region_code)?,
            id: self.id,
            name: self.name,
            contact_name: self.contact_name,
            contact_phone: self.contact_phone,
        })
    }
}

pub struct NewEmployer<'a> {
    pub name: &'a str,
    pub kind: EmployerKind,
    pub region_code: &'a str,
    pub contact_name: &'a str,
    pub contact_phone: &'a str,
}

const COLUMNS: &str = "id, name, kind, region_code, contact_name, contact_phone";

#[tracing::instrument(skip_all)]
pub async fn insert_employer(db: &Db, e: &NewEmployer<'_>) -> anyhow::Result<EmployerRecord> {
    sqlx::query_as::<_, EmployerRow>(&format!(
        "INSERT INTO employers (name, kind, region_code, contact_name, contact_phone, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    ))
    .bind(e.name)
    .bind(e.kind.as_str())
    .bind(e.region_code)
    .bind(e.contact_name)
    .bind(e.contact_phone)
    .bind(now())
    .fetch_one(db.pool())
    .await
    .context("insert employer")?
    .decode()
}

pub async fn get_employer(db: &Db, id: i64) -> Result<EmployerRecord, StorageError> {
    let row = sqlx::query_as::<_, EmployerRow>(&format!("SELECT {COLUMNS} FROM employers WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get employer")?
        .ok_or(StorageError::NotFound("employer"))?;
    Ok(row.decode()?)
}

/// Employers whose region code starts with `region_prefix` ("" for all), by id.
pub async fn list_employers(db: &Db, region_prefix: &str, limit: i64, offset: i64) -> anyhow::Result<(Vec<EmployerRecord>, i64)> {
    let pattern = format!("{region_prefix}%");
    let rows = sqlx::query_as::<_, EmployerRow>(&format!("SELECT {COLUMNS} FROM employers WHERE region_code LIKE $1 ORDER BY id LIMIT $2 OFFSET $3"))
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .context("list employers")?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM employers WHERE region_code LIKE $1").bind(&pattern).fetch_one(db.pool()).await.context("count employers")?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(row.decode()?);
    }
    Ok((out, total))
}

/// Names of employers by id.
pub async fn employer_names(db: &Db, ids: &[i64]) -> anyhow::Result<std::collections::HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!("SELECT id, name FROM employers WHERE id IN ({})", Placeholders::default().list(ids.len()));
    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("employer names")?.into_iter().collect())
}
