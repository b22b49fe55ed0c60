//! Sessions of a course. Every write appends a "course_session" row to the
//! change feed and an audit row in the same transaction; cancelling a session
//! cancels its enrolments and tells each person, all in one transaction.

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, CourseStatus, EnrolmentStatus, NoticeKind, Period, SessionStatus, Weekday};
use doorstep_shared::types::{RegionCode, SkillCode};
use sqlx::AnyConnection;

use super::{append_audit, append_change, course_lists, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::{Point, SessionDraft, EDITABLE_SESSION};

/// What a session carries of its course.
#[derive(Debug, Clone)]
pub struct SessionCourse {
    pub title: String,
    pub provider: String,
    pub description: String,
    /// The region that owns the course.
    pub region: RegionCode,
    pub skills: Vec<SkillCode>,
    /// Who may enrol; empty for anyone.
    pub categories: Vec<AssistanceCategory>,
    pub status: CourseStatus,
}

/// A session as the database holds it, decoded, joined with its course.
#[derive(Debug, Clone)]
pub struct StoredCourseSession {
    pub id: i64,
    pub course_id: i64,
    pub content: SessionDraft,
    pub course: SessionCourse,
    /// Places held (enrolled or completed).
    pub enrolled: u32,
    pub waitlisted: u32,
    pub status: SessionStatus,
    pub cancel_reason: Option<String>,
    pub created_at: i64,
}

/// How a conditional session write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionWrite {
    Done,
    /// The session was no longer in a status the write starts from; it is in this one.
    Moved(SessionStatus),
    /// More places are taken than the new capacity.
    TooSmall {
        enrolled: u32,
    },
}

/// How a cancellation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionCancelOutcome {
    /// Cancelled; these people were enrolled or waiting and were told.
    Cancelled { notified: Vec<i64> },
    /// The session was in this status, which cannot be cancelled.
    Moved(SessionStatus),
}

/// The columns as sqlx reads them; decoded once, in [`SessionRow::decode`].
#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    course_id: i64,
    start_date: String,
    end_date: String,
    enrol_deadline: String,
    region_code: String,
    address: String,
    lat: f64,
    lon: f64,
    site_approximate: i64,
    capacity: i64,
    enrolled: i64,
    waitlisted: i64,
    days: String,
    period: String,
    status: String,
    cancel_reason: Option<String>,
    created_at: i64,
    course_title: String,
    course_provider: String,
    course_description: String,
    course_region: String,
    course_status: String,
}

impl SessionRow {
    fn decode(self, skills: Vec<SkillCode>, categories: Vec<AssistanceCategory>) -> anyhow::Result<StoredCourseSession> {
        let d = RowDecoder::new("course_sessions", self.id);
        let c = RowDecoder::new("courses", self.course_id);
        Ok(StoredCourseSession {
            id: self.id,
            course_id: self.course_id,
            content: SessionDraft {
                start: d.day("start_date", &self.start_date)?,
                end: d.day("end_date", &self.end_date)?,
                enrol_deadline: d.day("enrol_deadline", &self.enrol_deadline)?,
                region: d.region("region_code", &self.region_code)?,
                address: self.address,
                site: Point { lat: self.lat, lon: self.lon },
                site_approximate: d.flag("site_approximate", self.site_approximate)?,
                capacity: d.number("capacity", self.capacity)?,
                days: d.spelled_list("days", &self.days, Weekday::parse)?,
                period: d.spelled("period", &self.period, Period::parse)?,
            },
            course: SessionCourse {
                title: self.course_title,
                provider: self.course_provider,
                description: self.course_description,
                region: c.region("region_code", &self.course_region)?,
                skills,
                categories,
                status: c.spelled("status", &self.course_status, CourseStatus::parse)?,
            },
            enrolled: d.number("enrolled", self.enrolled)?,
            waitlisted: d.number("waitlisted", self.waitlisted)?,
            status: d.spelled("status", &self.status, SessionStatus::parse)?,
            cancel_reason: self.cancel_reason,
            created_at: self.created_at,
        })
    }
}

const SELECT: &str = "SELECT s.id, s.course_id, s.start_date, s.end_date, s.enrol_deadline, s.region_code, s.address, s.lat, s.lon, \
     s.site_approximate, s.capacity, s.enrolled, \
     (SELECT COUNT(*) FROM enrolments e WHERE e.session_id = s.id AND e.status = 'waitlisted') AS waitlisted, \
     s.days, s.period, s.status, s.cancel_reason, s.created_at, c.title AS course_title, c.provider AS course_provider, \
     c.description AS course_description, c.region_code AS course_region, c.status AS course_status \
     FROM course_sessions s JOIN courses c ON c.id = s.course_id";

fn days_list(days: &[Weekday]) -> String {
    days.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(",")
}

/// Writes an open session of a course; returns its id.
#[tracing::instrument(skip_all, fields(course_id))]
pub async fn insert_course_session(db: &Db, course_id: i64, v: &SessionDraft, actor: i64) -> anyhow::Result<i64> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO course_sessions (course_id, start_date, end_date, enrol_deadline, region_code, address, lat, lon, site_approximate, \
         capacity, enrolled, days, period, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(course_id)
    .bind(v.start.to_string())
    .bind(v.end.to_string())
    .bind(v.enrol_deadline.to_string())
    .bind(v.region.as_ref())
    .bind(&v.address)
    .bind(v.site.lat)
    .bind(v.site.lon)
    .bind(i64::from(v.site_approximate))
    .bind(i64::from(v.capacity))
    .bind(days_list(&v.days))
    .bind(v.period.as_str())
    .bind(SessionStatus::Open.as_str())
    .bind(actor)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("insert course session")?;
    append_change(&mut tx, db.backend(), "course_session", id).await?;
    append_audit(&mut tx, actor, "course_session.create", "course_session", id).await?;
    tx.commit().await.context("commit course session")?;
    Ok(id)
}

async fn session_now(conn: &mut AnyConnection, id: i64) -> anyhow::Result<(SessionStatus, u32)> {
    let (raw, enrolled): (String, i64) =
        sqlx::query_as("SELECT status, enrolled FROM course_sessions WHERE id = $1").bind(id).fetch_one(conn).await.context("session status")?;
    let d = RowDecoder::new("course_sessions", id);
    Ok((d.spelled("status", &raw, SessionStatus::parse)?, d.number("enrolled", enrolled)?))
}

/// Replaces an open or full session's content; it is full again when the
/// places taken reach the new capacity, open otherwise.
#[tracing::instrument(skip_all, fields(session_id = id))]
pub async fn update_course_session(db: &Db, id: i64, v: &SessionDraft, actor: i64) -> anyhow::Result<SessionWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let sql = format!(
        "UPDATE course_sessions SET start_date = $1, end_date = $2, enrol_deadline = $3, region_code = $4, address = $5, lat = $6, lon = $7, \
         site_approximate = $8, capacity = $9, days = $10, period = $11, updated_at = $12, \
         status = CASE WHEN enrolled >= $9 THEN 'full' ELSE 'open' END \
         WHERE id = $13 AND enrolled <= $9 AND status IN ({})",
        Placeholders::after(13).list(EDITABLE_SESSION.len())
    );
    let mut q = sqlx::query(&sql)
        .bind(v.start.to_string())
        .bind(v.end.to_string())
        .bind(v.enrol_deadline.to_string())
        .bind(v.region.as_ref())
        .bind(&v.address)
        .bind(v.site.lat)
        .bind(v.site.lon)
        .bind(i64::from(v.site_approximate))
        .bind(i64::from(v.capacity))
        .bind(days_list(&v.days))
        .bind(v.period.as_str())
        .bind(now())
        .bind(id);
    for s in EDITABLE_SESSION {
        q = q.bind(s.as_str());
    }
    if q.execute(&mut *tx).await.context("update course session")?.rows_affected() == 0 {
        let (status, enrolled) = session_now(&mut tx, id).await?;
        return Ok(if EDITABLE_SESSION.contains(&status) { SessionWrite::TooSmall { enrolled } } else { SessionWrite::Moved(status) });
    }
    append_change(&mut tx, db.backend(), "course_session", id).await?;
    append_audit(&mut tx, actor, "course_session.update", "course_session", id).await?;
    tx.commit().await.context("commit course session update")?;
    Ok(SessionWrite::Done)
}

/// Moves a session from one of `from` to `to` (start, finish).
#[tracing::instrument(skip_all, fields(session_id = id, to))]
pub async fn set_course_session_status(db: &Db, id: i64, from: &[SessionStatus], to: SessionStatus, actor: i64) -> anyhow::Result<SessionWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let sql = format!("UPDATE course_sessions SET status = $1, updated_at = $2 WHERE id = $3 AND status IN ({})", Placeholders::after(3).list(from.len()));
    let mut q = sqlx::query(&sql).bind(to.as_str()).bind(now()).bind(id);
    for f in from {
        q = q.bind(f.as_str());
    }
    if q.execute(&mut *tx).await.context("set course session status")?.rows_affected() == 0 {
        return Ok(SessionWrite::Moved(session_now(&mut tx, id).await?.0));
    }
    append_change(&mut tx, db.backend(), "course_session", id).await?;
    append_audit(&mut tx, actor, &format!("course_session.{}", to.as_str()), "course_session", id).await?;
    tx.commit().await.context("commit course session status")?;
    Ok(SessionWrite::Done)
}

/// Cancels a session from one of `from`, with a reason: every enrolled or
/// waitlisted enrolment is cancelled with the reason as its note, and each of
/// those people gets a `session_cancelled` notice, in one transaction.
#[tracing::instrument(skip_all, fields(session_id = id))]
pub async fn cancel_course_session(db: &Db, id: i64, from: &[SessionStatus], reason: &str, actor: i64) -> anyhow::Result<SessionCancelOutcome> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let sql = format!(
        "UPDATE course_sessions SET status = $1, cancel_reason = $2, updated_at = $3 WHERE id = $4 AND status IN ({})",
        Placeholders::after(4).list(from.len())
    );
    let mut q = sqlx::query(&sql).bind(SessionStatus::Cancelled.as_str()).bind(reason).bind(at).bind(id);
    for f in from {
        q = q.bind(f.as_str());
    }
    if q.execute(&mut *tx).await.context("cancel course session")?.rows_affected() == 0 {
        return Ok(SessionCancelOutcome::Moved(session_now(&mut tx, id).await?.0));
    }
    let live = [EnrolmentStatus::Enrolled.as_str(), EnrolmentStatus::Waitlisted.as_str()];
    let people: Vec<(i64,)> = sqlx::query_as("SELECT person_id FROM enrolments WHERE session_id = $1 AND status IN ($2, $3) ORDER BY id")
        .bind(id)
        .bind(live[0])
        .bind(live[1])
        .fetch_all(&mut *tx)
        .await
        .context("people of a cancelled session")?;
    sqlx::query("UPDATE enrolments SET status = $1, note = $2, updated_at = $3 WHERE session_id = $4 AND status IN ($5, $6)")
        .bind(EnrolmentStatus::Cancelled.as_str())
        .bind(reason)
        .bind(at)
        .bind(id)
        .bind(live[0])
        .bind(live[1])
        .execute(&mut *tx)
        .await
        .context("cancel enrolments")?;
    sqlx::query("UPDATE course_sessions SET enrolled = (SELECT COUNT(*) FROM enrolments WHERE session_id = $1 AND status = $2) WHERE id = $1")
        .bind(id)
        .bind(EnrolmentStatus::Completed.as_str())
        .execute(&mut *tx)
        .await
        .context("recount places")?;
    for (person_id,) in &people {
        sqlx::query("INSERT INTO training_notices (person_id, kind, session_id, created_at) VALUES ($1, $2, $3, $4)")
            .bind(*person_id)
            .bind(NoticeKind::SessionCancelled.as_str())
            .bind(id)
            .bind(at)
            .execute(&mut *tx)
            .await
            .context("notice of a cancelled session")?;
    }
    append_change(&mut tx, db.backend(), "course_session", id).await?;
    append_audit(&mut tx, actor, "course_session.cancel", "course_session", id).await?;
    tx.commit().await.context("commit cancellation")?;
    Ok(SessionCancelOutcome::Cancelled { notified: people.into_iter().map(|(p,)| p).collect() })
}

pub async fn get_course_session(db: &Db, id: i64) -> Result<StoredCourseSession, StorageError> {
    let mut found = course_sessions_by_ids(db, &[id]).await?;
    found.pop().ok_or(StorageError::NotFound("course session"))
}

/// Sessions by id, in id order, with their course (the indexer reads these).
pub async fn course_sessions_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredCourseSession>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{SELECT} WHERE s.id IN ({}) ORDER BY s.id", Placeholders::default().list(ids.len()));
    let mut q = sqlx::query_as::<_, SessionRow>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    attach(db, q.fetch_all(db.pool()).await.context("course sessions by id")?).await
}

/// Sessions with id above `after_id`, in id order, in any status: the reindex walks them page by page.
pub async fn course_sessions_page(db: &Db, after_id: i64, limit: i64) -> anyhow::Result<Vec<StoredCourseSession>> {
    let sql = format!("{SELECT} WHERE s.id > $1 ORDER BY s.id LIMIT $2");
    let rows = sqlx::query_as::<_, SessionRow>(&sql).bind(after_id).bind(limit).fetch_all(db.pool()).await.context("course sessions page")?;
    attach(db, rows).await
}

/// Sessions of one course, soonest first, and how many it has in all.
pub async fn sessions_of_course(db: &Db, course_id: i64, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredCourseSession>, i64)> {
    let sql = format!("{SELECT} WHERE s.course_id = $1 ORDER BY s.start_date, s.id LIMIT $2 OFFSET $3");
    let rows = sqlx::query_as::<_, SessionRow>(&sql).bind(course_id).bind(limit).bind(offset).fetch_all(db.pool()).await.context("sessions of course")?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM course_sessions WHERE course_id = $1").bind(course_id).fetch_one(db.pool()).await.context("count sessions")?;
    Ok((attach(db, rows).await?, total))
}

/// Decodes rows with their courses' skills and categories.
async fn attach(db: &Db, rows: Vec<SessionRow>) -> anyhow::Result<Vec<StoredCourseSession>> {
    let mut course_ids: Vec<i64> = rows.iter().map(|r| r.course_id).collect();
    course_ids.sort_unstable();
    course_ids.dedup();
    let (skills, categories) = course_lists(db, &course_ids).await?;
    rows.into_iter()
        .map(|row| {
            let (s, c) = (skills.get(&row.course_id).cloned().unwrap_or_default(), categories.get(&row.course_id).cloned().unwrap_or_default());
            row.decode(s, c)
        })
        .collect()
}
