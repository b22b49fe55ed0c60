//! Placements (created by a hire, see `applications`) and their retention
//! follow-ups; each follow-up is written with its audit entry.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use doorstep_shared::api::PlacementKind;
use doorstep_shared::types::{Day, RegionCode};

use super::{append_audit, is_unique_violation, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;

/// A placement as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct PlacementRecord {
    pub id: i64,
    pub application_id: i64,
    pub person_id: i64,
    pub person_name: String,
    /// The person's home region: whose staff may see the placement.
    pub person_region: RegionCode,
    pub posting_id: i64,
    pub posting_title: String,
    pub employer_name: String,
    pub kind: PlacementKind,
    pub start_date: Day,
    pub monthly_wage: u32,
    pub created_at: i64,
}

/// A retention follow-up, decoded.
#[derive(Debug, Clone)]
pub struct FollowUpRecord {
    pub placement_id: i64,
    pub month: u8,
    pub still_employed: bool,
    pub monthly_wage: Option<u32>,
    pub note: Option<String>,
    pub recorded_by: i64,
    pub recorded_at: i64,
}

/// A placement with its follow-ups, by month.
#[derive(Debug, Clone)]
pub struct StoredPlacement {
    pub row: PlacementRecord,
    pub follow_ups: Vec<FollowUpRecord>,
}

#[derive(sqlx::FromRow)]
struct PlacementRow {
    id: i64,
    application_id: i64,
    person_id: i64,
    person_name: String,
    person_region: String,
    posting_id: i64,
    posting_title: String,
    employer_name: String,
    kind: String,
    start_date: String,
    monthly_wage: i64,
    created_at: i64,
}

impl PlacementRow {
    fn decode(self) -> anyhow::Result<PlacementRecord> {
        let d = RowDecoder::new("placements", self.id);
        Ok(PlacementRecord {
            kind: d.spelled("kind", &self.kind, PlacementKind::parse)?,
            start_date: d.day("start_date", &self.start_date)?,
            monthly_wage: d.number("monthly_wage", self.monthly_wage)?,
            id: self.id,
            application_id: self.application_id,
            person_id: self.person_id,
            person_name: self.person_name,
            person_region: RowDecoder::new("people", self.person_id).region("home_region", &self.person_region)?,
            posting_id: self.posting_id,
            posting_title: self.posting_title,
            employer_name: self.employer_name,
            created_at: self.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct FollowUpRow {
    placement_id: i64,
    month: i64,
    still_employed: i64,
    monthly_wage: Option<i64>,
    note: Option<String>,
    recorded_by: i64,
    recorded_at: i64,
}

impl FollowUpRow {
    fn decode(self) -> anyhow::Result<FollowUpRecord> {
        // Follow-ups are keyed by (placement_id, month): the placement names the row.
        let d = RowDecoder::new("follow_ups", self.placement_id);
        Ok(FollowUpRecord {
            month: d.number("month", self.month)?,
            still_employed: d.flag("still_employed", self.still_employed)?,
            monthly_wage: self.monthly_wage.map(|w| d.number("monthly_wage", w)).transpose()?,
            placement_id: self.placement_id,
            note: self.note,
            recorded_by: self.recorded_by,
            recorded_at: self.recorded_at,
        })
    }
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

/// Placements of people at home inside `region_prefix` now (the staff who
/// can reach them), with their follow-ups, oldest start first; with
/// `open_only`, only those with a follow-up still to record. The follow-up
/// worklist (`routes::follow_ups`) works out which are due.
pub async fn placements_to_follow(db: &Db, region_prefix: &str, open_only: bool) -> anyhow::Result<Vec<StoredPlacement>> {
    let open = if open_only { " AND (SELECT COUNT(*) FROM follow_ups f WHERE f.placement_id = pl.id) < 3" } else { "" };
    let sql = format!("{SELECT} WHERE pe.home_region LIKE $1{open} ORDER BY pl.start_date, pl.id");
    let rows = sqlx::query_as::<_, PlacementRow>(&sql).bind(format!("{region_prefix}%")).fetch_all(db.pool()).await.context("placements to follow")?;
    attach_follow_ups(db, rows).await
}

/// Placements of people at home inside `region_prefix`, of one kind or all, newest first.
pub async fn list_placements(
    db: &Db,
    region_prefix: &str,
    kind: Option<PlacementKind>,
    limit: i64,
    offset: i64,
) -> anyhow::Result<(Vec<StoredPlacement>, i64)> {
    let pattern = format!("{region_prefix}%");
    let mut p = Placeholders::default();
    let mut where_clause = format!("pe.home_region LIKE {}", p.one());
    if kind.is_some() {
        where_clause.push_str(&format!(" AND pl.kind = {}", p.one()));
    }
    let count_sql = format!("SELECT COUNT(*) FROM placements pl JOIN people pe ON pe.id = pl.person_id WHERE {where_clause}");
    let sql = format!("{SELECT} WHERE {where_clause} ORDER BY pl.id DESC LIMIT {} OFFSET {}", p.one(), p.one());
    let mut q = sqlx::query_as::<_, PlacementRow>(&sql).bind(&pattern);
    let mut cq = sqlx::query_as::<_, (i64,)>(&count_sql).bind(&pattern);
    if let Some(kind) = kind {
        q = q.bind(kind.as_str());
        cq = cq.bind(kind.as_str());
    }
    let rows = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list placements")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count placements")?;
    Ok((attach_follow_ups(db, rows).await?, total))
}

/// Loads the follow-ups of a page of placements in one query, and decodes both.
async fn attach_follow_ups(db: &Db, rows: Vec<PlacementRow>) -> anyhow::Result<Vec<StoredPlacement>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT placement_id, month, still_employed, monthly_wage, note, recorded_by, recorded_at \
         FROM follow_ups WHERE placement_id IN ({}) ORDER BY month",
        Placeholders::default().list(rows.len())
    );
    let mut q = sqlx::query_as::<_, FollowUpRow>(&sql);
    for r in &rows {
        q = q.bind(r.id);
    }
    let mut by_placement: HashMap<i64, Vec<FollowUpRecord>> = HashMap::new();
    for f in q.fetch_all(db.pool()).await.context("load follow-ups")? {
        by_placement.entry(f.placement_id).or_default().push(f.decode()?);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let follow_ups = by_placement.remove(&row.id).unwrap_or_default();
        out.push(StoredPlacement { row: row.decode()?, follow_ups });
    }
    Ok(out)
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
    let sql = format!(
        "SELECT DISTINCT pl.person_id FROM placements pl WHERE pl.person_id IN ({}) \
         AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.placement_id = pl.id AND f.still_employed = 0)",
        Placeholders::default().list(person_ids.len())
    );
    let mut q = sqlx::query_as::<_, (i64,)>(&sql);
    for id in person_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("people in work")?.into_iter().map(|(id,)| id).collect())
}
