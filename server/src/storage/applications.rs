//! Applications and the hire. A hire is one transaction: the posting's
//! `hired` counter (conditional, so headcount is never exceeded), the
//! application's status, the placement, the change feed and the audit entry
//! land together or not at all.
//!
//! Concurrency: the hire's first statement is the conditional UPDATE of the
//! posting. On SQLite that takes the write lock before anything is read (a
//! deferred transaction that read first could not upgrade); on PostgreSQL it
//! row-locks the posting, and a waiting hire re-checks `hired < headcount`
//! against the committed row.

use anyhow::Context;
use doorstep_shared::api::{ApplicationSource, ApplicationStatus, PlacementKind, PostingStatus};
use doorstep_shared::types::{Day, RegionCode};

use super::{append_audit, append_change, is_unique_violation, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;

/// An application as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredApplication {
    pub id: i64,
    pub posting_id: i64,
    pub posting_title: String,
    /// Where the job is: nearby or transfer employment.
    pub posting_region: RegionCode,
    pub employer_id: i64,
    pub employer_name: String,
    /// Where the employer is registered: whose staff may hire.
    pub employer_region: RegionCode,
    pub person_id: i64,
    pub person_name: String,
    pub person_phone: String,
    /// The person's home region: whose staff may see the application.
    pub person_region: RegionCode,
    pub status: ApplicationStatus,
    pub source: ApplicationSource,
    pub note: Option<String>,
    pub placement_id: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The columns as sqlx reads them; decoded once, in [`ApplicationRow::decode`].
#[derive(sqlx::FromRow)]
struct ApplicationRow {
    id: i64,
    posting_id: i64,
    posting_title: String,
    posting_region: String,
    employer_id: i64,
    employer_name: String,
    employer_region: String,
    person_id: i64,
    person_name: String,
    person_phone: String,
    person_region: String,
    status: String,
    source: String,
    note: Option<String>,
    placement_id: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl ApplicationRow {
    fn decode(self) -> anyhow::Result<StoredApplication> {
        let d = RowDecoder::new("applications", self.id);
        Ok(StoredApplication {
            status: d.spelled("status", &self.status, ApplicationStatus::parse)?,
            source: d.spelled("source", &self.source, ApplicationSource::parse)?,
            id: self.id,
            posting_id: self.posting_id,
            posting_title: self.posting_title,
            posting_region: RowDecoder::new("postings", self.posting_id).region("region_code", &self.posting_region)?,
            employer_id: self.employer_id,
            employer_name: self.employer_name,
            employer_region: RowDecoder::new("employers", self.employer_id).region("region_code", &self.employer_region)?,
            person_id: self.person_id,
            person_name: self.person_name,
            person_phone: self.person_phone,
            person_region: RowDecoder::new("people", self.person_id).region("home_region", &self.person_region)?,
            note: self.note,
            placement_id: self.placement_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

const SELECT: &str = "SELECT a.id, a.posting_id, p.title AS posting_title, p.region_code AS posting_region, p.employer_id, e.name AS employer_name, \
     e.region_code AS employer_region, a.person_id, pe.name AS person_name, pe.phone AS person_phone, pe.home_region AS person_region, \
     a.status, a.source, a.note, pl.id AS placement_id, a.created_at, a.updated_at \
     FROM applications a JOIN postings p ON p.id = a.posting_id JOIN employers e ON e.id = p.employer_id \
     JOIN people pe ON pe.id = a.person_id LEFT JOIN placements pl ON pl.application_id = a.id";

pub struct NewApplication<'a> {
    pub posting_id: i64,
    pub person_id: i64,
    pub source: ApplicationSource,
    pub note: Option<&'a str>,
    pub actor: i64,
    /// Staff referrals are audited.
    pub audit: bool,
}

#[derive(thiserror::Error, Debug)]
pub enum InsertApplicationError {
    #[error("the person already has an active application to this posting")]
    Duplicate,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[tracing::instrument(skip_all, fields(posting_id = a.posting_id, person_id = a.person_id))]
pub async fn insert_application(db: &Db, a: &NewApplication<'_>) -> Result<i64, InsertApplicationError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO applications (posting_id, person_id, status, source, note, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(a.posting_id)
    .bind(a.person_id)
    .bind("applied")
    .bind(a.source.as_str())
    .bind(a.note)
    .bind(a.actor)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        Err(e) if is_unique_violation(&e) => return Err(InsertApplicationError::Duplicate),
        Err(e) => return Err(anyhow::Error::new(e).context("insert application").into()),
    };
    if a.audit {
        append_audit(&mut tx, a.actor, "application.refer", "application", id).await?;
    }
    tx.commit().await.context("commit application")?;
    Ok(id)
}

pub async fn get_application(db: &Db, id: i64) -> Result<StoredApplication, StorageError> {
    let row = sqlx::query_as::<_, ApplicationRow>(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get application")?
        .ok_or(StorageError::NotFound("application"))?;
    Ok(row.decode()?)
}

/// Who sees which applications, and the caller's filters; every value is bound.
#[derive(Debug, Default)]
pub struct ApplicationFilter {
    /// Employers: applications to their postings only.
    pub employer_id: Option<i64>,
    /// Staff: people at home, or employers registered, inside this region prefix.
    pub staff_region_prefix: Option<String>,
    /// Seekers: their own.
    pub person_id: Option<i64>,
    pub posting_id: Option<i64>,
    pub status: Option<ApplicationStatus>,
}

enum Bind {
    Int(i64),
    Text(String),
}

/// Applications matching the filter, newest first, and how many match in all.
pub async fn list_applications(db: &Db, f: &ApplicationFilter, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredApplication>, i64)> {
    let mut p = Placeholders::default();
    let mut conditions = vec!["1 = 1".to_string()];
    let mut binds = Vec::new();
    if let Some(e) = f.employer_id {
        conditions.push(format!("p.employer_id = {}", p.one()));
        binds.push(Bind::Int(e));
    }
    if let Some(prefix) = &f.staff_region_prefix {
        conditions.push(format!("(pe.home_region LIKE {} OR e.region_code LIKE {})", p.one(), p.one()));
        binds.push(Bind::Text(format!("{prefix}%")));
        binds.push(Bind::Text(format!("{prefix}%")));
    }
    if let Some(id) = f.person_id {
        conditions.push(format!("a.person_id = {}", p.one()));
        binds.push(Bind::Int(id));
    }
    if let Some(id) = f.posting_id {
        conditions.push(format!("a.posting_id = {}", p.one()));
        binds.push(Bind::Int(id));
    }
    if let Some(s) = f.status {
        conditions.push(format!("a.status = {}", p.one()));
        binds.push(Bind::Text(s.as_str().to_string()));
    }
    let where_clause = conditions.join(" AND ");
    let count_sql = format!(
        "SELECT COUNT(*) FROM applications a JOIN postings p ON p.id = a.posting_id JOIN employers e ON e.id = p.employer_id \
         JOIN people pe ON pe.id = a.person_id \
         WHERE {where_clause}"
    );
    let sql = format!("{SELECT} WHERE {where_clause} ORDER BY a.id DESC LIMIT {} OFFSET {}", p.one(), p.one());
    let mut q = sqlx::query_as::<_, ApplicationRow>(&sql);
    let mut cq = sqlx::query_as::<_, (i64,)>(&count_sql);
    for b in &binds {
        match b {
            Bind::Int(v) => {
                q = q.bind(*v);
                cq = cq.bind(*v);
            }
            Bind::Text(v) => {
                q = q.bind(v.clone());
                cq = cq.bind(v.clone());
            }
        }
    }
    let rows = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list applications")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count applications")?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        out.push(row.decode()?);
    }
    Ok((out, total))
}

/// A move other than a hire.
pub struct StatusChange<'a> {
    pub id: i64,
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    pub note: Option<&'a str>,
    pub actor: i64,
    /// Moves by staff are audited.
    pub audit: bool,
}

/// Moves an application if it is still in `from`; false when someone moved it first.
#[tracing::instrument(skip_all, fields(application_id = c.id, to = c.to.as_str()))]
pub async fn set_application_status(db: &Db, c: &StatusChange<'_>) -> anyhow::Result<bool> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let updated = sqlx::query("UPDATE applications SET status = $1, status_note = COALESCE($2, status_note), updated_at = $3 WHERE id = $4 AND status = $5")
        .bind(c.to.as_str())
        .bind(c.note)
        .bind(now())
        .bind(c.id)
        .bind(c.from.as_str())
        .execute(&mut *tx)
        .await
        .context("set application status")?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    if c.audit {
        append_audit(&mut tx, c.actor, &format!("application.{}", c.to.as_str()), "application", c.id).await?;
    }
    tx.commit().await.context("commit application status")?;
    Ok(true)
}

/// A hire: the application (in `interviewing`) and the placement it creates.
pub struct Hire<'a> {
    pub application_id: i64,
    pub posting_id: i64,
    pub person_id: i64,
    pub kind: PlacementKind,
    pub start_date: Day,
    pub monthly_wage: i64,
    pub note: Option<&'a str>,
    pub actor: i64,
    pub audit: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub enum HireOutcome {
    Hired {
        placement_id: i64,
    },
    /// The posting has hired its headcount; nothing was written.
    HeadcountReached,
    /// The posting is not open (its status is given); nothing was written.
    PostingNotOpen(PostingStatus),
    /// The application left `interviewing` meanwhile; nothing was written.
    Stale,
}

#[tracing::instrument(skip_all, fields(application_id = h.application_id, posting_id = h.posting_id))]
pub async fn hire_application(db: &Db, h: &Hire<'_>) -> anyhow::Result<HireOutcome> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    // First statement, and a write: see the module comment.
    let counted = sqlx::query(
        "UPDATE postings SET hired = hired + 1, \
         status = CASE WHEN hired + 1 >= headcount THEN 'filled' ELSE status END, updated_at = $1 \
         WHERE id = $2 AND status = 'open' AND hired < headcount",
    )
    .bind(at)
    .bind(h.posting_id)
    .execute(&mut *tx)
    .await
    .context("count hire")?;
    if counted.rows_affected() == 0 {
        tx.rollback().await.context("rollback hire")?;
        let (status, hired, headcount): (String, i64, i64) = sqlx::query_as("SELECT status, hired, headcount FROM postings WHERE id = $1")
            .bind(h.posting_id)
            .fetch_one(db.pool())
            .await
            .context("posting after refused hire")?;
        let status = RowDecoder::new("postings", h.posting_id).spelled("status", &status, PostingStatus::parse)?;
        if status == PostingStatus::Filled || hired >= headcount {
            return Ok(HireOutcome::HeadcountReached);
        }
        return Ok(HireOutcome::PostingNotOpen(status));
    }
    let moved = sqlx::query(
        "UPDATE applications SET status = 'hired', status_note = COALESCE($1, status_note), updated_at = $2 \
         WHERE id = $3 AND status = 'interviewing'",
    )
    .bind(h.note)
    .bind(at)
    .bind(h.application_id)
    .execute(&mut *tx)
    .await
    .context("mark application hired")?;
    if moved.rows_affected() == 0 {
        tx.rollback().await.context("rollback hire")?;
        return Ok(HireOutcome::Stale);
    }
    let (placement_id,): (i64,) = sqlx::query_as(
        "INSERT INTO placements (application_id, person_id, posting_id, kind, start_date, monthly_wage, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(h.application_id)
    .bind(h.person_id)
    .bind(h.posting_id)
    .bind(h.kind.as_str())
    .bind(h.start_date.to_string())
    .bind(h.monthly_wage)
    .bind(h.actor)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("insert placement")?;
    append_change(&mut tx, db.backend(), "posting", h.posting_id).await?;
    if h.audit {
        append_audit(&mut tx, h.actor, "application.hired", "application", h.application_id).await?;
    }
    tx.commit().await.context("commit hire")?;
    Ok(HireOutcome::Hired { placement_id })
}
