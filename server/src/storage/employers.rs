//! Employers.

use anyhow::Context;

use super::{now, Db, StorageError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmployerRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub region_code: String,
    pub contact_name: String,
    pub contact_phone: String,
}

pub struct NewEmployer<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub region_code: &'a str,
    pub contact_name: &'a str,
    pub contact_phone: &'a str,
}

const COLUMNS: &str = "id, name, kind, region_code, contact_name, contact_phone";

#[tracing::instrument(skip_all)]
pub async fn insert_employer(db: &Db, e: &NewEmployer<'_>) -> anyhow::Result<EmployerRow> {
    sqlx::query_as::<_, EmployerRow>(&format!(
        "INSERT INTO employers (name, kind, region_code, contact_name, contact_phone, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
    ))
    .bind(e.name)
    .bind(e.kind)
    .bind(e.region_code)
    .bind(e.contact_name)
    .bind(e.contact_phone)
    .bind(now())
    .fetch_one(db.pool())
    .await
    .context("insert employer")
}

pub async fn get_employer(db: &Db, id: i64) -> Result<EmployerRow, StorageError> {
    sqlx::query_as::<_, EmployerRow>(&format!("SELECT {COLUMNS} FROM employers WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get employer")?
        .ok_or(StorageError::NotFound("employer"))
}

/// Employers whose region code starts with `region_prefix` ("" for all), by id.
pub async fn list_employers(db: &Db, region_prefix: &str, limit: i64, offset: i64) -> anyhow::Result<(Vec<EmployerRow>, i64)> {
    let pattern = format!("{region_prefix}%");
    let rows = sqlx::query_as::<_, EmployerRow>(&format!(
        "SELECT {COLUMNS} FROM employers WHERE region_code LIKE $1 ORDER BY id LIMIT $2 OFFSET $3"
    ))
    .bind(&pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
    .context("list employers")?;
    let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM employers WHERE region_code LIKE $1")
        .bind(&pattern)
        .fetch_one(db.pool())
        .await
        .context("count employers")?;
    Ok((rows, total))
}

/// Names of employers by id.
pub async fn employer_names(db: &Db, ids: &[i64]) -> anyhow::Result<std::collections::HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let in_list: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("SELECT id, name FROM employers WHERE id IN ({})", in_list.join(", "));
    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("employer names")?.into_iter().collect())
}
