//! Courses, their certified skills and eligibility. Every write appends a
//! "course" row to the change feed and an audit row in the same transaction.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, CourseStatus, ProviderKind};
use doorstep_shared::types::SkillCode;
use sqlx::AnyConnection;

use super::{append_audit, append_change, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::CourseDraft;

/// A course as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredCourse {
    pub id: i64,
    pub content: CourseDraft,
    pub status: CourseStatus,
    /// Sessions in any status.
    pub session_count: u32,
    /// Sessions open or full.
    pub open_session_count: u32,
    pub created_at: i64,
}

/// How a conditional status write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseWrite {
    Done,
    /// The course was no longer in a status the write starts from; it is in this one.
    Moved(CourseStatus),
}

/// The columns as sqlx reads them; decoded once, in [`CourseRow::decode`].
#[derive(sqlx::FromRow)]
struct CourseRow {
    id: i64,
    title: String,
    provider: String,
    provider_kind: String,
    description: String,
    region_code: String,
    hours: i64,
    subsidy_yuan: i64,
    status: String,
    session_count: i64,
    open_session_count: i64,
    created_at: i64,
}

impl CourseRow {
    fn decode(self, skills: Vec<SkillCode>, categories: Vec<AssistanceCategory>) -> anyhow::Result<StoredCourse> {
        let d = RowDecoder::new("courses", self.id);
        Ok(StoredCourse {
            id: self.id,
            content: CourseDraft {
                title: self.title,
                provider: self.provider,
                provider_kind: d.spelled("provider_kind", &self.provider_kind, ProviderKind::parse)?,
                description: self.description,
                region: d.region("region_code", &self.region_code)?,
                skills,
                hours: d.number("hours", self.hours)?,
                subsidy_yuan: d.number("subsidy_yuan", self.subsidy_yuan)?,
                categories,
            },
            status: d.spelled("status", &self.status, CourseStatus::parse)?,
            session_count: d.number("session_count", self.session_count)?,
            open_session_count: d.number("open_session_count", self.open_session_count)?,
            created_at: self.created_at,
        })
    }
}

const SELECT: &str = "SELECT c.id, c.title, c.provider, c.provider_kind, c.description, c.region_code, c.hours, c.subsidy_yuan, c.status, \
     (SELECT COUNT(*) FROM course_sessions s WHERE s.course_id = c.id) AS session_count, \
     (SELECT COUNT(*) FROM course_sessions s WHERE s.course_id = c.id AND s.status IN ('open', 'full')) AS open_session_count, \
     c.created_at FROM courses c";

/// Writes a draft course; returns its id.
#[tracing::instrument(skip_all)]
pub async fn insert_course(db: &Db, v: &CourseDraft, actor: i64) -> anyhow::Result<i64> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO courses (title, provider, provider_kind, description, region_code, hours, subsidy_yuan, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(&v.title)
    .bind(&v.provider)
    .bind(v.provider_kind.as_str())
    .bind(&v.description)
    .bind(v.region.as_ref())
    .bind(i64::from(v.hours))
    .bind(i64::from(v.subsidy_yuan))
    .bind(CourseStatus::Draft.as_str())
    .bind(actor)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("insert course")?;
    insert_lists(&mut tx, id, v).await?;
    append_change(&mut tx, db.backend(), "course", id).await?;
    append_audit(&mut tx, actor, "course.create", "course", id).await?;
    tx.commit().await.context("commit course")?;
    Ok(id)
}

async fn insert_lists(conn: &mut AnyConnection, id: i64, v: &CourseDraft) -> anyhow::Result<()> {
    for skill in &v.skills {
        sqlx::query("INSERT INTO course_skills (course_id, skill_code) VALUES ($1, $2)")
            .bind(id)
            .bind(skill.as_ref())
            .execute(&mut *conn)
            .await
            .context("insert course skill")?;
    }
    for category in &v.categories {
        sqlx::query("INSERT INTO course_categories (course_id, category) VALUES ($1, $2)")
            .bind(id)
            .bind(category.as_str())
            .execute(&mut *conn)
            .await
            .context("insert course category")?;
    }
    Ok(())
}

async fn status_now(conn: &mut AnyConnection, id: i64) -> anyhow::Result<CourseStatus> {
    let (raw,): (String,) = sqlx::query_as("SELECT status FROM courses WHERE id = $1").bind(id).fetch_one(conn).await.context("course status")?;
    RowDecoder::new("courses", id).spelled("status", &raw, CourseStatus::parse)
}

/// Replaces a course's content while it is in one of `editable`.
#[tracing::instrument(skip_all, fields(course_id = id))]
pub async fn update_course(db: &Db, id: i64, v: &CourseDraft, editable: &[CourseStatus], actor: i64) -> anyhow::Result<CourseWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let sql = format!(
        "UPDATE courses SET title = $1, provider = $2, provider_kind = $3, description = $4, region_code = $5, hours = $6, subsidy_yuan = $7, \
         updated_at = $8 WHERE id = $9 AND status IN ({})",
        Placeholders::after(9).list(editable.len())
    );
    let mut q = sqlx::query(&sql)
        .bind(&v.title)
        .bind(&v.provider)
        .bind(v.provider_kind.as_str())
        .bind(&v.description)
        .bind(v.region.as_ref())
        .bind(i64::from(v.hours))
        .bind(i64::from(v.subsidy_yuan))
        .bind(now())
        .bind(id);
    for s in editable {
        q = q.bind(s.as_str());
    }
    if q.execute(&mut *tx).await.context("update course")?.rows_affected() == 0 {
        return Ok(CourseWrite::Moved(status_now(&mut tx, id).await?));
    }
    sqlx::query("DELETE FROM course_skills WHERE course_id = $1").bind(id).execute(&mut *tx).await.context("clear course skills")?;
    sqlx::query("DELETE FROM course_categories WHERE course_id = $1").bind(id).execute(&mut *tx).await.context("clear course categories")?;
    insert_lists(&mut tx, id, v).await?;
    append_change(&mut tx, db.backend(), "course", id).await?;
    append_audit(&mut tx, actor, "course.update", "course", id).await?;
    tx.commit().await.context("commit course update")?;
    Ok(CourseWrite::Done)
}

/// Moves a course from one of `from` to `to`.
#[tracing::instrument(skip_all, fields(course_id = id, to))]
pub async fn set_course_status(db: &Db, id: i64, from: &[CourseStatus], to: CourseStatus, actor: i64) -> anyhow::Result<CourseWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let sql = format!("UPDATE courses SET status = $1, updated_at = $2 WHERE id = $3 AND status IN ({})", Placeholders::after(3).list(from.len()));
    let mut q = sqlx::query(&sql).bind(to.as_str()).bind(now()).bind(id);
    for f in from {
        q = q.bind(f.as_str());
    }
    if q.execute(&mut *tx).await.context("set course status")?.rows_affected() == 0 {
        return Ok(CourseWrite::Moved(status_now(&mut tx, id).await?));
    }
    append_change(&mut tx, db.backend(), "course", id).await?;
    append_audit(&mut tx, actor, &format!("course.{}", to.as_str()), "course", id).await?;
    tx.commit().await.context("commit course status")?;
    Ok(CourseWrite::Done)
}

pub async fn get_course(db: &Db, id: i64) -> Result<StoredCourse, StorageError> {
    let mut found = courses_by_ids(db, &[id]).await?;
    found.pop().ok_or(StorageError::NotFound("course"))
}

/// Courses by id, in id order, with their skills and categories.
pub async fn courses_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredCourse>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{SELECT} WHERE c.id IN ({}) ORDER BY c.id", Placeholders::default().list(ids.len()));
    let mut q = sqlx::query_as::<_, CourseRow>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    let rows = q.fetch_all(db.pool()).await.context("courses by id")?;
    let (mut skills, mut categories) = course_lists(db, ids).await?;
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            row.decode(skills.remove(&id).unwrap_or_default(), categories.remove(&id).unwrap_or_default())
        })
        .collect()
}

/// The skills and the eligible categories of each course, decoded.
pub async fn course_lists(db: &Db, ids: &[i64]) -> anyhow::Result<(HashMap<i64, Vec<SkillCode>>, HashMap<i64, Vec<AssistanceCategory>>)> {
    let (mut skills, mut categories) = (HashMap::<i64, Vec<SkillCode>>::new(), HashMap::<i64, Vec<AssistanceCategory>>::new());
    if ids.is_empty() {
        return Ok((skills, categories));
    }
    let in_list = Placeholders::default().list(ids.len());
    let skills_sql = format!("SELECT course_id, skill_code FROM course_skills WHERE course_id IN ({in_list}) ORDER BY skill_code");
    let categories_sql = format!("SELECT course_id, category FROM course_categories WHERE course_id IN ({in_list}) ORDER BY category");
    let (mut sq, mut cq) = (sqlx::query_as::<_, (i64, String)>(&skills_sql), sqlx::query_as::<_, (i64, String)>(&categories_sql));
    for id in ids {
        sq = sq.bind(*id);
        cq = cq.bind(*id);
    }
    for (id, code) in sq.fetch_all(db.pool()).await.context("course skills")? {
        skills.entry(id).or_default().push(RowDecoder::new("course_skills", id).skill("skill_code", &code)?);
    }
    for (id, raw) in cq.fetch_all(db.pool()).await.context("course categories")? {
        categories.entry(id).or_default().push(RowDecoder::new("course_categories", id).spelled("category", &raw, AssistanceCategory::parse)?);
    }
    for list in categories.values_mut() {
        list.sort();
    }
    Ok((skills, categories))
}

/// Which courses to list; every value is bound, never spliced.
#[derive(Debug, Default)]
pub struct CourseFilter {
    /// The course's region code prefix (empty: everywhere).
    pub region_prefix: String,
    pub status: Option<CourseStatus>,
}

/// Courses matching `f`, newest first, and how many match in all.
pub async fn list_courses(db: &Db, f: &CourseFilter, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredCourse>, i64)> {
    let mut p = Placeholders::default();
    let mut conditions = vec![format!("c.region_code LIKE {}", p.one())];
    let mut texts = vec![format!("{}%", f.region_prefix)];
    if let Some(s) = f.status {
        conditions.push(format!("c.status = {}", p.one()));
        texts.push(s.as_str().to_string());
    }
    let where_clause = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) FROM courses c WHERE {where_clause}");
    let sql = format!("SELECT c.id FROM courses c WHERE {where_clause} ORDER BY c.id DESC LIMIT {} OFFSET {}", p.one(), p.one());
    let (mut q, mut cq) = (sqlx::query_as::<_, (i64,)>(&sql), sqlx::query_as::<_, (i64,)>(&count_sql));
    for t in &texts {
        q = q.bind(t);
        cq = cq.bind(t);
    }
    let ids: Vec<(i64,)> = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list courses")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count courses")?;
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    let mut courses = courses_by_ids(db, &ids).await?;
    courses.sort_by_key(|c| std::cmp::Reverse(c.id));
    Ok((courses, total))
}
