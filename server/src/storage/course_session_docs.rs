//! Course sessions as the search index reads them: each session with its
//! course's title, description, provider, status and skills, in one query
//! (sessions × courses × course skills), decoded once. A read model of the
//! index only; the course and session records themselves are
//! `courses.rs` / `course_sessions.rs`.

use anyhow::Context;
use doorstep_shared::api::{CourseStatus, Period, SessionStatus, Weekday};
use doorstep_shared::types::{Day, RegionCode, SkillCode};

use super::{Db, Placeholders, RowDecoder};

/// One course session with what its search document needs.
#[derive(Debug, Clone)]
pub struct CourseSessionDoc {
    pub id: i64,
    pub course_id: i64,
    pub title: String,
    pub description: String,
    pub provider: String,
    pub course_status: CourseStatus,
    pub skills: Vec<SkillCode>,
    pub region: RegionCode,
    pub lat: f64,
    pub lon: f64,
    pub start_date: Day,
    pub end_date: Day,
    pub days: Vec<Weekday>,
    pub period: Period,
    pub capacity: i64,
    pub enrolled: i64,
    pub status: SessionStatus,
}

impl CourseSessionDoc {
    /// Places not yet taken.
    pub fn free_places(&self) -> i64 {
        (self.capacity - self.enrolled).max(0)
    }
}

/// The columns as sqlx reads them (one row per session and skill); decoded
/// once, in [`DocRow::decode`].
#[derive(sqlx::FromRow)]
struct DocRow {
    id: i64,
    course_id: i64,
    title: String,
    description: String,
    provider: String,
    course_status: String,
    skill_code: Option<String>,
    region_code: String,
    lat: f64,
    lon: f64,
    start_date: String,
    end_date: String,
    days: String,
    period: String,
    capacity: i64,
    enrolled: i64,
    status: String,
}

const SELECT: &str = "SELECT s.id, s.course_id, c.title, c.description, c.provider, c.status AS course_status, k.skill_code, \
     s.region_code, s.lat, s.lon, s.start_date, s.end_date, s.days, s.period, s.capacity, s.enrolled, s.status \
     FROM course_sessions s JOIN courses c ON c.id = s.course_id LEFT JOIN course_skills k ON k.course_id = c.id";

impl DocRow {
    fn decode(self) -> anyhow::Result<CourseSessionDoc> {
        let d = RowDecoder::new("course_sessions", self.id);
        Ok(CourseSessionDoc {
            id: self.id,
            course_id: self.course_id,
            course_status: RowDecoder::new("courses", self.course_id).spelled("status", &self.course_status, CourseStatus::parse)?,
            skills: Vec::new(),
            region: d.region("region_code", &self.region_code)?,
            start_date: d.day("start_date", &self.start_date)?,
            end_date: d.day("end_date", &self.end_date)?,
            days: d.spelled_list("days", &self.days, Weekday::parse)?,
            period: d.spelled("period", &self.period, Period::parse)?,
            status: d.spelled("status", &self.status, SessionStatus::parse)?,
            title: self.title,
            description: self.description,
            provider: self.provider,
            lat: self.lat,
            lon: self.lon,
            capacity: self.capacity,
            enrolled: self.enrolled,
        })
    }
}

/// Folds the rows (ordered by session, one per skill) into sessions.
fn fold(rows: Vec<DocRow>) -> anyhow::Result<Vec<CourseSessionDoc>> {
    let mut out: Vec<CourseSessionDoc> = Vec::new();
    for mut row in rows {
        let skill = row.skill_code.take();
        let course = row.course_id;
        if out.last().is_none_or(|s| s.id != row.id) {
            out.push(row.decode()?);
        }
        if let (Some(code), Some(session)) = (skill, out.last_mut()) {
            session.skills.push(RowDecoder::new("course_skills", course).skill("skill_code", &code)?);
        }
    }
    Ok(out)
}

/// Sessions by id (any state), in id order.
pub async fn course_session_docs_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<CourseSessionDoc>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{SELECT} WHERE s.id IN ({}) ORDER BY s.id, k.skill_code", Placeholders::default().list(ids.len()));
    let mut q = sqlx::query_as::<_, DocRow>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    fold(q.fetch_all(db.pool()).await.context("course session docs by id")?)
}

/// Open or full sessions of published courses with id above `after`, in id
/// order, at most `limit`: the index rebuild walks them page by page.
pub async fn searchable_course_session_docs_page(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<CourseSessionDoc>> {
    let sql = format!(
        "{SELECT} WHERE s.id IN (SELECT s2.id FROM course_sessions s2 JOIN courses c2 ON c2.id = s2.course_id \
         WHERE c2.status = 'published' AND s2.status IN ('open', 'full') AND s2.id > $1 ORDER BY s2.id LIMIT $2) ORDER BY s.id, k.skill_code"
    );
    let rows = sqlx::query_as::<_, DocRow>(&sql).bind(after).bind(limit).fetch_all(db.pool()).await.context("course session docs page")?;
    fold(rows)
}

/// The ids of the sessions of these courses.
pub async fn session_ids_of_courses(db: &Db, course_ids: &[i64]) -> anyhow::Result<Vec<i64>> {
    if course_ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT id FROM course_sessions WHERE course_id IN ({}) ORDER BY id", Placeholders::default().list(course_ids.len()));
    let mut q = sqlx::query_as::<_, (i64,)>(&sql);
    for id in course_ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(db.pool()).await.context("sessions of courses")?.into_iter().map(|(id,)| id).collect())
}
