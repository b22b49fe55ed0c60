//! Spreadsheet imports: a batch of people or postings written in one
//! transaction (all or nothing), the look-ups that find duplicates on file,
//! and the stored reports whose error sheets staff download.

use std::collections::{HashMap, HashSet};

use anyhow::Context;
use doorstep_shared::api::{ImportKind, PostingStatus};

use super::people::{insert_lists, insert_person_row, set_home_point};
use super::postings::insert_posting_on;
use super::{append_audit, Db, PersonValues, Placeholders, StorageError};
use crate::clock::now;
use crate::domain::PostingDraft;

/// How long a report (and the personal data of its bad rows) is kept.
const REPORT_DAYS: i64 = 7;

/// Inserts people, each with an audit entry naming `actor`, in one
/// transaction: a failure (a number registered meanwhile, say) keeps none.
#[tracing::instrument(skip_all, fields(people = people.len()))]
pub async fn insert_people_batch(db: &Db, people: &[PersonValues], actor: i64) -> anyhow::Result<Vec<i64>> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let mut ids = Vec::with_capacity(people.len());
    for v in people {
        let id = insert_person_row(&mut tx, v, actor).await.context("insert imported person")?;
        if v.home_point.is_some() {
            set_home_point(&mut tx, id, v).await?;
        }
        insert_lists(&mut tx, id, v).await?;
        append_audit(&mut tx, actor, "person.import", "person", id).await?;
        ids.push(id);
    }
    tx.commit().await.context("commit imported people")?;
    Ok(ids)
}

/// Of `blinds` (ID-card blind indexes), those on file, with the home region of each.
pub async fn people_by_blinds(db: &Db, blinds: &[String]) -> anyhow::Result<HashMap<String, String>> {
    if blinds.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!("SELECT id_blind, home_region FROM people WHERE id_blind IN ({})", Placeholders::default().list(blinds.len()));
    let mut q = sqlx::query_as::<_, (String, String)>(&sql);
    for b in blinds {
        q = q.bind(b);
    }
    Ok(q.fetch_all(db.pool()).await.context("find people by blind index")?.into_iter().collect())
}

/// Inserts postings, pending review, each with its change-feed entry, in one transaction.
#[tracing::instrument(skip_all, fields(postings = postings.len()))]
pub async fn insert_postings_batch(db: &Db, postings: &[PostingDraft], actor: i64) -> anyhow::Result<Vec<i64>> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let mut ids = Vec::with_capacity(postings.len());
    for v in postings {
        ids.push(insert_posting_on(&mut tx, db.backend(), v, PostingStatus::Pending, actor).await?);
    }
    tx.commit().await.context("commit imported postings")?;
    Ok(ids)
}

/// The (employer, title, region) of every pending or open posting of `employers`.
pub async fn live_posting_keys(db: &Db, employers: &[i64]) -> anyhow::Result<HashSet<(i64, String, String)>> {
    if employers.is_empty() {
        return Ok(HashSet::new());
    }
    let sql = format!(
        "SELECT employer_id, title, region_code FROM postings WHERE status IN ('pending', 'open') AND employer_id IN ({})",
        Placeholders::default().list(employers.len())
    );
    let mut q = sqlx::query_as::<_, (i64, String, String)>(&sql);
    for id in employers {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("live posting keys")?.into_iter().collect())
}

/// Stores an import's error sheet (JSON); drops those older than a week.
pub async fn insert_import_report(db: &Db, user_id: i64, kind: ImportKind, sheet: &str) -> anyhow::Result<i64> {
    let at = now();
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query("DELETE FROM import_reports WHERE created_at < $1").bind(at - REPORT_DAYS * 86_400).execute(&mut *tx).await.context("purge old reports")?;
    let (id,): (i64,) = sqlx::query_as("INSERT INTO import_reports (user_id, kind, sheet, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(user_id)
        .bind(kind.as_str())
        .bind(sheet)
        .bind(at)
        .fetch_one(&mut *tx)
        .await
        .context("insert import report")?;
    tx.commit().await.context("commit import report")?;
    Ok(id)
}

/// A stored report: who made it, of what, and its error sheet (JSON).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredImportReport {
    pub id: i64,
    pub user_id: i64,
    pub kind: String,
    pub sheet: String,
}

pub async fn get_import_report(db: &Db, id: i64) -> Result<StoredImportReport, StorageError> {
    sqlx::query_as::<_, StoredImportReport>("SELECT id, user_id, kind, sheet FROM import_reports WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get import report")?
        .ok_or(StorageError::NotFound("import report"))
}

/// Records that `actor` downloaded the error sheet of a people import (personal data).
pub async fn audit_error_sheet(db: &Db, report_id: i64, actor: i64) -> anyhow::Result<()> {
    let mut conn = db.pool().acquire().await.context("acquire")?;
    append_audit(&mut conn, actor, "import.error_sheet", "import_report", report_id).await
}
