//! Placements (created by a hire, see `applications`) and their retention
//! follow-ups; each follow-up is written with its audit entry.

use std::collections::{HashMap, HashSet};

use anyhow::Context;

use super::{append_audit, is_unique_violation, now, Db, StorageError};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PlacementRow {
    pub id: i64,
    pub application_id: i64,
    pub person_id: i64,
    pub person_name: String,
    /// The person's home region: whose staff may see the placement.
    pub person_region: String,
    pub posting_id: i64,
    pub posting_title: String,
    pub employer_name: String,
    pub kind: String,
    pub start_date: String,
    pub monthly_wage: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FollowUpRow {
    pub placement_id: i64,
    pub month: i64,
    /// 0/1 (see the migration).
    pub still_employed: i64,
    pub monthly_wage: Option<i64>,
    pub note: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: i64,
}

/// A placement with its follow-ups, by month.
#[derive(Debug, Clone)]
pub struct StoredPlacement {
    pub row: PlacementRow,
    pub follow_ups: Vec<FollowUpRow>,
}

const SELECT: &str = "SELECT pl.id, pl.application_id, pl.person_id, pe.name AS person_name, pe.home_region AS person_region, \
     pl.posting_id, p.title AS posting_title, e.name AS employer_name, pl.kind, pl.start_date, pl.monthly_wage, pl.created_at \
     FROM placements pl JOIN people pe ON pe.id = pl.person_id JOIN postings p ON p.id = pl.posting_id \
     JOIN employers e ON e.id = p.employer_id";

pub async fn get_placement(db: &Db, id: i64) -> Result<StoredPlacement, StorageError> {
    let row = sqlx::query_as::<_, PlacementRow>(&format!("{SELECT} WHERE pl.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get placement")?
        .ok_or(StorageError::NotFound("placement"))?;
    let mut found = attach_follow_ups(db, vec![row]).await?;
    found.pop().ok_or(StorageError::NotFound("placement"))
}

/// Placements of people at home inside `region_prefix`, of one kind or all, newest first.
pub async fn list_placements(db: &Db, region_prefix: &str, kind: Option<&str>, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredPlacement>, i64)> {
    let pattern = format!("{region_prefix}%");
    let where_clause = if kind.is_some() { "pe.home_region LIKE $1 AND pl.kind = $2" } else { "pe.home_region LIKE $1" };
    let k = if kind.is_some() { 2 } else { 1 };
    let sql = format!("{SELECT} WHERE {where_clause} ORDER BY pl.id DESC LIMIT ${} OFFSET ${}", k + 1, k + 2);
    let count_sql = format!("SELECT COUNT(*) FROM placements pl JOIN people pe ON pe.id = pl.person_id WHERE {where_clause}");
    let mut q = sqlx::query_as::<_, PlacementRow>(&sql).bind(&pattern);
    let mut cq = sqlx::query_as::<_, (i64,)>(&count_sql).bind(&pattern);
    if let Some(kind) = kind {
        q = q.bind(kind);
        cq = cq.bind(kind);
    }
    let rows = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list placements")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count placements")?;
    Ok((attach_follow_ups(db, rows).await?, total))
}

async fn attach_follow_ups(db: &Db, rows: Vec<PlacementRow>) -> anyhow::Result<Vec<StoredPlacement>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let in_list: Vec<String> = (1..=rows.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT placement_id, month, still_employed, monthly_wage, note, recorded_by, recorded_at \
         FROM follow_ups WHERE placement_id IN ({}) ORDER BY month",
        in_list.join(", ")
    );
    let mut q = sqlx::query_as::<_, FollowUpRow>(&sql);
    for r in &rows {
        q = q.bind(r.id);
    }
    let mut by_placement: HashMap<i64, Vec<FollowUpRow>> = HashMap::new();
    for f in q.fetch_all(db.pool()).await.context("load follow-ups")? {
        by_placement.entry(f.placement_id).or_default().push(f);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let follow_ups = by_placement.remove(&row.id).unwrap_or_default();
            StoredPlacement { row, follow_ups }
        })
        .collect())
}

pub struct NewFollowUp<'a> {
    pub placement_id: i64,
    pub month: i64,
    pub still_employed: bool,
    pub monthly_wage: Option<i64>,
    pub note: Option<&'a str>,
    pub actor: i64,
}

#[derive(thiserror::Error, Debug)]
pub enum InsertFollowUpError {
    #[error("this month's follow-up is already recorded")]
    Duplicate,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Records a follow-up and its audit entry together.
#[tracing::instrument(skip_all, fields(placement_id = f.placement_id, month = f.month))]
pub async fn insert_follow_up(db: &Db, f: &NewFollowUp<'_>) -> Result<(), InsertFollowUpError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let inserted = sqlx::query(
        "INSERT INTO follow_ups (placement_id, month, still_employed, monthly_wage, note, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(f.placement_id)
    .bind(f.month)
    .bind(i64::from(f.still_employed))
    .bind(f.monthly_wage)
    .bind(f.note)
    .bind(f.actor)
    .bind(now())
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => return Err(InsertFollowUpError::Duplicate),
        Err(e) => return Err(anyhow::Error::new(e).context("insert follow-up").into()),
    }
    append_audit(&mut tx, f.actor, "placement.follow_up", "placement", f.placement_id).await?;
    tx.commit().await.context("commit follow-up")?;
    Ok(())
}

/// Which of these people are in work: they have a placement that no
/// follow-up says they left.
pub async fn people_in_work(db: &Db, person_ids: &[i64]) -> anyhow::Result<HashSet<i64>> {
    if person_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let in_list: Vec<String> = (1..=person_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT DISTINCT pl.person_id FROM placements pl WHERE pl.person_id IN ({}) \
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.placement_id = pl.id AND f.still_employed = 0)",
        in_list.join(", ")
    );
    let mut q = sqlx::query_as::<_, (i64,)>(&sql);
    for id in person_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("people in work")?.into_iter().map(|(id,)| id).collect())
}
