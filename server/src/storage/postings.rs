//! Job postings and their required skills. Every write appends to the change
//! feed in the same transaction, so the search index can follow.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{PhysicalDemand, PostingStatus, Schedule};
use doorstep_shared::types::{RegionCode, SkillCode};
use sqlx::AnyConnection;

use super::people::escape_like;
use super::{append_change, Backend, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::{Point, PostingDraft};

/// A posting as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredPosting {
    pub id: i64,
    /// What the employer posted (and staff reviewed).
    pub content: PostingDraft,
    pub employer_name: String,
    /// Where the employer is registered: whose staff review the posting.
    pub employer_region: RegionCode,
    pub hired: u32,
    pub status: PostingStatus,
    pub review_note: Option<String>,
    pub created_at: i64,
}

/// The columns as sqlx reads them; decoded once, in [`PostingRow::decode`].
#[derive(sqlx::FromRow)]
struct PostingRow {
    id: i64,
    employer_id: i64,
    employer_name: String,
    employer_region: String,
    title: String,
    description: String,
    region_code: String,
    lat: f64,
    lon: f64,
    site_approximate: i64,
    wage_min: i64,
    wage_max: i64,
    headcount: i64,
    hired: i64,
    schedule: String,
    accommodation: i64,
    physical_demand: String,
    accessible: i64,
    valid_until: String,
    status: String,
    review_note: Option<String>,
    created_at: i64,
}

impl PostingRow {
    fn decode(self, skills: Vec<SkillCode>) -> anyhow::Result<StoredPosting> {
        let d = RowDecoder::new("postings", self.id);
        Ok(StoredPosting {
            id: self.id,
            content: PostingDraft {
                employer_id: self.employer_id,
                title: self.title,
                description: self.description,
                region: d.region("region_code", &self.region_code)?,
                site: Point { lat: self.lat, lon: self.lon },
                site_approximate: d.flag("site_approximate", self.site_approximate)?,
                skills,
                wage_min: d.number("wage_min", self.wage_min)?,
                wage_max: d.number("wage_max", self.wage_max)?,
                headcount: d.number("headcount", self.headcount)?,
                schedule: d.spelled("schedule", &self.schedule, Schedule::parse)?,
                accommodation: d.flag("accommodation", self.accommodation)?,
                physical_demand: d.spelled("physical_demand", &self.physical_demand, PhysicalDemand::parse)?,
                accessible: d.flag("accessible", self.accessible)?,
                valid_until: d.day("valid_until", &self.valid_until)?,
            },
            employer_name: self.employer_name,
            employer_region: RowDecoder::new("employers", self.employer_id).region("region_code", &self.employer_region)?,
            hired: d.number("hired", self.hired)?,
            status: d.spelled("status", &self.status, PostingStatus::parse)?,
            review_note: self.review_note,
            created_at: self.created_at,
        })
    }
}

const SELECT: &str = "SELECT p.id, p.employer_id, e.name AS employer_name, e.region_code AS employer_region, p.title, p.description, p.region_code, \
     p.lat, p.lon, p.site_approximate, p.wage_min, p.wage_max, p.headcount, p.hired, p.schedule, p.accommodation, p.physical_demand, \
     p.accessible, p.valid_until, p.status, p.review_note, p.created_at \
     FROM postings p JOIN employers e ON e.id = p.employer_id";

#[tracing::instrument(skip_all)]
pub async fn insert_posting(db: &Db, v: &PostingDraft, status: PostingStatus, actor: i64) -> anyhow::Result<i64> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let id = insert_posting_on(&mut tx, db.backend(), v, status, actor).await?;
    tx.commit().await.context("commit posting")?;
    Ok(id)
}

/// Inserts a posting, its skills and its change-feed entry on the caller's transaction.
pub(super) async fn insert_posting_on(conn: &mut AnyConnection, backend: Backend, v: &PostingDraft, status: PostingStatus, actor: i64) -> anyhow::Result<i64> {
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO postings (employer_id, title, description, region_code, lat, lon, wage_min, wage_max, headcount, \
         schedule, accommodation, physical_demand, accessible, valid_until, status, created_by, created_at, updated_at, site_approximate) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
    )
    .bind(v.employer_id)
    .bind(&v.title)
    .bind(&v.description)
    .bind(v.region.as_ref())
    .bind(v.site.lat)
    .bind(v.site.lon)
    .bind(i64::from(v.wage_min))
    .bind(i64::from(v.wage_max))
    .bind(i64::from(v.headcount))
    .bind(v.schedule.as_str())
    .bind(i64::from(v.accommodation))
    .bind(v.physical_demand.as_str())
    .bind(i64::from(v.accessible))
    .bind(v.valid_until.to_string())
    .bind(status.as_str())
    .bind(actor)
    .bind(at)
    .bind(at)
    .bind(i64::from(v.site_approximate))
    .fetch_one(&mut *conn)
    .await
    .context("insert posting")?;
    insert_skills(conn, id, &v.skills).await?;
    append_change(conn, backend, "posting", id).await?;
    Ok(id)
}

async fn insert_skills(conn: &mut AnyConnection, id: i64, skills: &[SkillCode]) -> anyhow::Result<()> {
    for skill in skills {
        sqlx::query("INSERT INTO posting_skills (posting_id, skill_code) VALUES ($1, $2)")
            .bind(id)
            .bind(skill.as_ref())
            .execute(&mut *conn)
            .await
            .context("insert posting skill")?;
    }
    Ok(())
}

/// Replaces a posting's content; false when it no longer has `expected_status`
/// or has more hires than the new headcount. A headcount equal to the hires fills it.
#[tracing::instrument(skip_all, fields(posting_id = id))]
pub async fn update_posting(db: &Db, id: i64, v: &PostingDraft, expected_status: PostingStatus, new_status: PostingStatus) -> anyhow::Result<bool> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let updated = sqlx::query(
        "UPDATE postings SET title = $1, description = $2, wage_min = $3, wage_max = $4, headcount = $5, schedule = $6, \
         accommodation = $7, physical_demand = $8, accessible = $9, valid_until = $10, updated_at = $11, \
         status = CASE WHEN hired >= $5 THEN 'filled' ELSE $14 END, \
         region_code = $15, lat = $16, lon = $17, site_approximate = $18 \
         WHERE id = $12 AND status = $13 AND hired <= $5",
    )
    .bind(&v.title)
    .bind(&v.description)
    .bind(i64::from(v.wage_min))
    .bind(i64::from(v.wage_max))
    .bind(i64::from(v.headcount))
    .bind(v.schedule.as_str())
    .bind(i64::from(v.accommodation))
    .bind(v.physical_demand.as_str())
    .bind(i64::from(v.accessible))
    .bind(v.valid_until.to_string())
    .bind(now())
    .bind(id)
    .bind(expected_status.as_str())
    .bind(new_status.as_str())
    .bind(v.region.as_ref())
    .bind(v.site.lat)
    .bind(v.site.lon)
    .bind(i64::from(v.site_approximate))
    .execute(&mut *tx)
    .await
    .context("update posting")?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("DELETE FROM posting_skills WHERE posting_id = $1").bind(id).execute(&mut *tx).await.context("clear posting skills")?;
    insert_skills(&mut tx, id, &v.skills).await?;
    append_change(&mut tx, db.backend(), "posting", id).await?;
    tx.commit().await.context("commit posting update")?;
    Ok(true)
}

/// Moves a posting from one status to another; false when it was not in `from`.
#[tracing::instrument(skip_all, fields(posting_id = id, to))]
pub async fn set_posting_status(db: &Db, id: i64, from: &[PostingStatus], to: PostingStatus, note: Option<&str>, actor: i64) -> anyhow::Result<bool> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let sql = format!(
        "UPDATE postings SET status = $1, review_note = COALESCE($2, review_note), reviewed_by = $3, updated_at = $4 \
         WHERE id = $5 AND status IN ({})",
        Placeholders::after(5).list(from.len())
    );
    let mut q = sqlx::query(&sql).bind(to.as_str()).bind(note).bind(actor).bind(now()).bind(id);
    for f in from {
        q = q.bind(f.as_str());
    }
    let updated = q.execute(&mut *tx).await.context("set posting status")?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    append_change(&mut tx, db.backend(), "posting", id).await?;
    tx.commit().await.context("commit posting status")?;
    Ok(true)
}

pub async fn get_posting(db: &Db, id: i64) -> Result<StoredPosting, StorageError> {
    let mut found = postings_by_ids(db, &[id]).await?;
    found.pop().ok_or(StorageError::NotFound("posting"))
}

/// Postings by id, in id order, with their skills.
pub async fn postings_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredPosting>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let in_list = Placeholders::default().list(ids.len());
    let sql = format!("{SELECT} WHERE p.id IN ({in_list}) ORDER BY p.id");
    let mut q = sqlx::query_as::<_, PostingRow>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(db.pool()).await.context("postings by id")?;
    let skills_sql = format!("SELECT posting_id, skill_code FROM posting_skills WHERE posting_id IN ({in_list}) ORDER BY skill_code");
    let mut sq = sqlx::query_as::<_, (i64, String)>(&skills_sql);
    for id in ids {
        sq = sq.bind(*id);
    }
    let skills = sq.fetch_all(db.pool()).await.context("posting skills")?;
    attach(rows, skills)
}

/// Decodes rows and their skills (`(posting_id, skill_code)` pairs).
fn attach(rows: Vec<PostingRow>, skills: Vec<(i64, String)>) -> anyhow::Result<Vec<StoredPosting>> {
    let mut by_posting: HashMap<i64, Vec<SkillCode>> = HashMap::new();
    for (id, code) in skills {
        let code = RowDecoder::new("posting_skills", id).skill("skill_code", &code)?;
        by_posting.entry(id).or_default().push(code);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let skills = by_posting.remove(&row.id).unwrap_or_default();
        out.push(row.decode(skills)?);
    }
    Ok(out)
}

/// Open postings with id above `after_id`, in id order: the reindex walks them page by page.
pub async fn open_postings_page(db: &Db, after_id: i64, limit: i64) -> anyhow::Result<Vec<StoredPosting>> {
    let sql = format!("{SELECT} WHERE p.status = 'open' AND p.id > $1 ORDER BY p.id LIMIT $2");
    let rows = sqlx::query_as::<_, PostingRow>(&sql).bind(after_id).bind(limit).fetch_all(db.pool()).await.context("open postings page")?;
    let (Some(first), Some(last)) = (rows.first().map(|r| r.id), rows.last().map(|r| r.id)) else {
        return Ok(Vec::new());
    };
    let skills = sqlx::query_as::<_, (i64, String)>(
        "SELECT s.posting_id, s.skill_code FROM posting_skills s JOIN postings p ON p.id = s.posting_id \
         WHERE p.status = 'open' AND s.posting_id BETWEEN $1 AND $2 ORDER BY s.skill_code",
    )
    .bind(first)
    .bind(last)
    .fetch_all(db.pool())
    .await
    .context("open postings skills")?;
    attach(rows, skills)
}

/// Postings of employers in a region prefix with a status, newest first (review queues, "my postings").
/// Which managed postings to list; every value is bound, never spliced.
#[derive(Debug, Default)]
pub struct ManagedFilter {
    /// The employer's region code prefix (empty: everywhere).
    pub employer_region_prefix: String,
    pub employer_id: Option<i64>,
    pub status: Option<PostingStatus>,
    /// Part of the title.
    pub title: Option<String>,
}

pub async fn list_postings_by(db: &Db, f: &ManagedFilter, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredPosting>, i64)> {
    let mut p = Placeholders::default();
    let mut conditions = vec![format!("e.region_code LIKE {}", p.one())];
    let mut texts = vec![format!("{}%", f.employer_region_prefix)];
    if let Some(s) = f.status {
        conditions.push(format!("p.status = {}", p.one()));
        texts.push(s.as_str().to_string());
    }
    if let Some(t) = &f.title {
        conditions.push(format!("p.title LIKE {} ESCAPE '\\'", p.one()));
        texts.push(format!("%{}%", escape_like(t)));
    }
    if f.employer_id.is_some() {
        conditions.push(format!("p.employer_id = {}", p.one()));
    }
    let where_clause = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) FROM postings p JOIN employers e ON e.id = p.employer_id WHERE {where_clause}");
    let sql = format!(
        "SELECT p.id FROM postings p JOIN employers e ON e.id = p.employer_id WHERE {where_clause} ORDER BY p.id DESC LIMIT {} OFFSET {}",
        p.one(),
        p.one()
    );
    let mut q = sqlx::query_as::<_, (i64,)>(&sql);
    let mut cq = sqlx::query_as::<_, (i64,)>(&count_sql);
    for t in &texts {
        q = q.bind(t);
        cq = cq.bind(t);
    }
    if let Some(e) = f.employer_id {
        q = q.bind(e);
        cq = cq.bind(e);
    }
    let ids: Vec<(i64,)> = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list postings")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count postings")?;
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    let mut with_skills = postings_by_ids(db, &ids).await?;
    with_skills.sort_by_key(|p| std::cmp::Reverse(p.id));
    Ok((with_skills, total))
}
