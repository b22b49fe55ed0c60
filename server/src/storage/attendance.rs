//! Attendance of a training session, per enrolment and day, and the view of a
//! session that attendance and completion need (its course's region, its
//! dates, days and status). Courses and sessions themselves are written in
//! their own files.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{AttendanceRow, EnrolmentStatus, SessionStatus, Weekday};
use doorstep_shared::types::{Day, RegionCode};

use super::{append_audit, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::SessionTerms;

/// A session as attendance and completion see it.
#[derive(Debug, Clone)]
pub struct TrainingSession {
    pub id: i64,
    pub course_id: i64,
    pub course_title: String,
    /// The course's region: it issues the certificates.
    pub course_region: RegionCode,
    /// Where the session meets: whose staff take attendance.
    pub region: RegionCode,
    pub terms: SessionTerms,
}

#[derive(sqlx::FromRow)]
struct TrainingSessionRow {
    id: i64,
    course_id: i64,
    course_title: String,
    course_region: String,
    region_code: String,
    start_date: String,
    end_date: String,
    days: String,
    status: String,
}

impl TrainingSessionRow {
    fn decode(self) -> anyhow::Result<TrainingSession> {
        let d = RowDecoder::new("course_sessions", self.id);
        Ok(TrainingSession {
            id: self.id,
            course_id: self.course_id,
            course_title: self.course_title,
            course_region: RowDecoder::new("courses", self.course_id).region("region_code", &self.course_region)?,
            region: d.region("region_code", &self.region_code)?,
            terms: SessionTerms {
                start: d.day("start_date", &self.start_date)?,
                end: d.day("end_date", &self.end_date)?,
                days: d.spelled_list("days", &self.days, Weekday::parse)?,
                status: d.spelled("status", &self.status, SessionStatus::parse)?,
            },
        })
    }
}

/// The session with its course's title and region.
pub async fn get_training_session(db: &Db, id: i64) -> Result<TrainingSession, StorageError> {
    let row = sqlx::query_as::<_, TrainingSessionRow>(
        "SELECT s.id, s.course_id, c.title AS course_title, c.region_code AS course_region, s.region_code, s.start_date, s.end_date, s.days, s.status \
         FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await
    .context("get training session")?
    .ok_or(StorageError::NotFound("training session"))?;
    Ok(row.decode()?)
}

/// One day's attendance to record.
pub struct AttendanceDay<'a> {
    pub session_id: i64,
    pub day: Day,
    pub present: &'a [i64],
    pub absent: &'a [i64],
    pub actor: i64,
}

/// What recording attendance did.
#[derive(Debug, PartialEq, Eq)]
pub enum AttendanceOutcome {
    Recorded,
    /// An id that is not an enrolment holding a place in this session.
    NotInSession(i64),
}

/// Records (or corrects) one day's attendance, all rows or none, with an audit entry.
pub async fn record_attendance(db: &Db, a: &AttendanceDay<'_>) -> anyhow::Result<AttendanceOutcome> {
    let ids: Vec<i64> = a.present.iter().chain(a.absent).copied().collect();
    let mut tx = db.pool().begin().await.context("begin")?;
    if !ids.is_empty() {
        let mut p = Placeholders::default();
        let sql = format!(
            "SELECT id FROM enrolments WHERE session_id = {} AND status IN ('enrolled', 'completed', 'not_completed') AND id IN ({})",
            p.one(),
            p.list(ids.len())
        );
        let mut q = sqlx::query_as::<_, (i64,)>(&sql).bind(a.session_id);
        for id in &ids {
            q = q.bind(*id);
        }
        let known: Vec<i64> = q.fetch_all(&mut *tx).await.context("enrolments of the session")?.into_iter().map(|(id,)| id).collect();
        if let Some(stranger) = ids.iter().find(|id| !known.contains(id)) {
            return Ok(AttendanceOutcome::NotInSession(*stranger));
        }
    }
    let at = now();
    let marks = a.present.iter().map(|id| (id, 1_i64)).chain(a.absent.iter().map(|id| (id, 0)));
    for (id, present) in marks {
        sqlx::query(
            "INSERT INTO attendance (enrolment_id, day, present, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (enrolment_id, day) DO UPDATE SET present = excluded.present, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
        )
        .bind(id)
        .bind(a.day.to_string())
        .bind(present)
        .bind(a.actor)
        .bind(at)
        .execute(&mut *tx)
        .await
        .context("record attendance")?;
    }
    append_audit(&mut tx, a.actor, "attendance.record", "course_session", a.session_id).await?;
    tx.commit().await.context("commit attendance")?;
    Ok(AttendanceOutcome::Recorded)
}

/// Every enrolment holding a place in the session (or that held one to the end), with its days.
pub async fn attendance_sheet(db: &Db, session_id: i64) -> anyhow::Result<Vec<AttendanceRow>> {
    let enrolments: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT e.id, e.person_id, p.name, e.status FROM enrolments e JOIN people p ON p.id = e.person_id \
         WHERE e.session_id = $1 AND e.status IN ('enrolled', 'completed', 'not_completed') ORDER BY e.id",
    )
    .bind(session_id)
    .fetch_all(db.pool())
    .await
    .context("enrolments for the sheet")?;
    let marks: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT a.enrolment_id, a.day, a.present FROM attendance a JOIN enrolments e ON e.id = a.enrolment_id WHERE e.session_id = $1 ORDER BY a.day",
    )
    .bind(session_id)
    .fetch_all(db.pool())
    .await
    .context("attendance of the session")?;
    let mut days: HashMap<i64, (Vec<Day>, Vec<Day>)> = HashMap::new();
    for (id, day, present) in marks {
        let d = RowDecoder::new("attendance", id);
        let day = d.day("day", &day)?;
        let entry = days.entry(id).or_default();
        if d.flag("present", present)? {
            entry.0.push(day);
        } else {
            entry.1.push(day);
        }
    }
    enrolments
        .into_iter()
        .map(|(id, person_id, person_name, status)| {
            let (present, absent) = days.remove(&id).unwrap_or_default();
            let status = RowDecoder::new("enrolments", id).spelled("status", &status, EnrolmentStatus::parse)?;
            Ok(AttendanceRow { enrolment_id: id, person_id, person_name, status, present, absent })
        })
        .collect()
}
