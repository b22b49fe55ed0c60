//! Enrolments in course sessions, the waitlist, and training notices.
//!
//! Concurrency: an enrolment and a cancellation both start with a write to
//! the session's row (`touch_session`). On SQLite that first write takes the
//! one write lock before anything is read (a deferred transaction that read
//! first could not upgrade, and would fail with SQLITE_BUSY instead of
//! waiting out the busy timeout); on PostgreSQL it row-locks the session, so
//! under READ COMMITTED every enrolment, cancellation and promotion of one
//! session runs one after the other against the committed counter. Inside
//! that, the conditional `UPDATE … WHERE enrolled < capacity` is the guard
//! that gives a place, so capacity is never exceeded, and a promotion moves a
//! row only `WHERE status = 'waitlisted'`, so nobody is promoted twice. The
//! partial unique index `enrolments_one_live` refuses a second live entry.

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, CourseStatus, EnrolmentStatus, NoticeKind, Period, SessionStatus, Weekday};
use doorstep_shared::types::RegionCode;
use sqlx::AnyConnection;

use super::{append_audit, append_change, is_unique_violation, Db, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::{EnrolTarget, HeldEntry, Timetable};

/// A session as enrolment needs it: the rules' facts and where it is.
#[derive(Debug, Clone)]
pub struct EnrolSession {
    pub rules: EnrolTarget,
    pub course_title: String,
    /// Where the session meets: whose staff see its roster.
    pub region: RegionCode,
    pub capacity: u32,
    pub enrolled: u32,
}

#[derive(sqlx::FromRow)]
struct EnrolSessionRow {
    id: i64,
    status: String,
    enrol_deadline: String,
    start_date: String,
    end_date: String,
    days: String,
    period: String,
    region_code: String,
    capacity: i64,
    enrolled: i64,
    course_id: i64,
    course_status: String,
    course_title: String,
}

/// Decodes a session's timetable columns.
fn timetable(d: RowDecoder, start: &str, end: &str, days: &str, period: &str) -> anyhow::Result<Timetable> {
    Ok(Timetable {
        start: d.day("start_date", start)?,
        end: d.day("end_date", end)?,
        days: d.spelled_list("days", days, Weekday::parse)?,
        period: d.spelled("period", period, Period::parse)?,
    })
}

impl EnrolSessionRow {
    fn decode(self, categories: Vec<String>) -> anyhow::Result<EnrolSession> {
        let d = RowDecoder::new("course_sessions", self.id);
        let c = RowDecoder::new("course_categories", self.course_id);
        let categories = categories.iter().map(|raw| c.spelled("category", raw, AssistanceCategory::parse)).collect::<anyhow::Result<Vec<_>>>()?;
        Ok(EnrolSession {
            rules: EnrolTarget {
                session_id: self.id,
                status: d.spelled("status", &self.status, SessionStatus::parse)?,
                course_status: RowDecoder::new("courses", self.course_id).spelled("status", &self.course_status, CourseStatus::parse)?,
                enrol_deadline: d.day("enrol_deadline", &self.enrol_deadline)?,
                categories,
                timetable: timetable(d, &self.start_date, &self.end_date, &self.days, &self.period)?,
            },
            course_title: self.course_title,
            region: d.region("region_code", &self.region_code)?,
            capacity: d.number("capacity", self.capacity)?,
            enrolled: d.number("enrolled", self.enrolled)?,
        })
    }
}

/// The session enrolled in, with its course's status and eligibility.
pub async fn get_enrol_session(db: &Db, session_id: i64) -> Result<EnrolSession, StorageError> {
    let row = sqlx::query_as::<_, EnrolSessionRow>(
        "SELECT s.id, s.status, s.enrol_deadline, s.start_date, s.end_date, s.days, s.period, s.region_code, s.capacity, s.enrolled, \
         c.id AS course_id, c.status AS course_status, c.title AS course_title \
         FROM course_sessions s JOIN courses c ON c.id = s.course_id WHERE s.id = $1",
    )
    .bind(session_id)
    .fetch_optional(db.pool())
    .await
    .context("get session for enrolment")?
    .ok_or(StorageError::NotFound("course session"))?;
    let categories: Vec<(String,)> = sqlx::query_as("SELECT category FROM course_categories WHERE course_id = $1 ORDER BY category")
        .bind(row.course_id)
        .fetch_all(db.pool())
        .await
        .context("course categories")?;
    Ok(row.decode(categories.into_iter().map(|(c,)| c).collect())?)
}

#[derive(sqlx::FromRow)]
struct HeldRow {
    id: i64,
    session_id: i64,
    status: String,
    start_date: String,
    end_date: String,
    days: String,
    period: String,
}

/// The person's live entries (enrolled, waitlisted, completed or not), with their sessions' timetables.
pub async fn held_entries(db: &Db, person_id: i64) -> anyhow::Result<Vec<HeldEntry>> {
    let rows = sqlx::query_as::<_, HeldRow>(
        "SELECT e.id, e.session_id, e.status, s.start_date, s.end_date, s.days, s.period \
         FROM enrolments e JOIN course_sessions s ON s.id = e.session_id \
         WHERE e.person_id = $1 AND e.status <> 'cancelled' ORDER BY e.id",
    )
    .bind(person_id)
    .fetch_all(db.pool())
    .await
    .context("held entries")?;
    rows.into_iter()
        .map(|r| {
            let d = RowDecoder::new("enrolments", r.id);
            Ok(HeldEntry {
                session_id: r.session_id,
                status: d.spelled("status", &r.status, EnrolmentStatus::parse)?,
                timetable: timetable(RowDecoder::new("course_sessions", r.session_id), &r.start_date, &r.end_date, &r.days, &r.period)?,
            })
        })
        .collect()
}

/// An enrolment as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredEnrolment {
    pub id: i64,
    pub session_id: i64,
    pub course_id: i64,
    pub course_title: String,
    pub timetable: Timetable,
    pub region: RegionCode,
    pub address: String,
    pub person_id: i64,
    pub person_name: String,
    /// The person's home: whose staff act on the enrolment.
    pub person_region: RegionCode,
    pub status: EnrolmentStatus,
    /// From 1, while waitlisted.
    pub waitlist_position: Option<i64>,
    pub note: Option<String>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct EnrolmentRow {
    id: i64,
    session_id: i64,
    course_id: i64,
    course_title: String,
    start_date: String,
    end_date: String,
    days: String,
    period: String,
    region_code: String,
    address: String,
    person_id: i64,
    person_name: String,
    person_region: String,
    status: String,
    waitlist_position: Option<i64>,
    note: Option<String>,
    created_at: i64,
}

impl EnrolmentRow {
    fn decode(self) -> anyhow::Result<StoredEnrolment> {
        let s = RowDecoder::new("course_sessions", self.session_id);
        Ok(StoredEnrolment {
            status: RowDecoder::new("enrolments", self.id).spelled("status", &self.status, EnrolmentStatus::parse)?,
            timetable: timetable(s, &self.start_date, &self.end_date, &self.days, &self.period)?,
            region: s.region("region_code", &self.region_code)?,
            person_region: RowDecoder::new("people", self.person_id).region("home_region", &self.person_region)?,
            id: self.id,
            session_id: self.session_id,
            course_id: self.course_id,
            course_title: self.course_title,
            address: self.address,
            person_id: self.person_id,
            person_name: self.person_name,
            waitlist_position: self.waitlist_position,
            note: self.note,
            created_at: self.created_at,
        })
    }
}

const SELECT: &str = "SELECT e.id, e.session_id, s.course_id, c.title AS course_title, s.start_date, s.end_date, s.days, s.period, \
     s.region_code, s.address, e.person_id, p.name AS person_name, p.home_region AS person_region, e.status, \
     CASE WHEN e.status = 'waitlisted' THEN (SELECT COUNT(*) FROM enrolments w WHERE w.session_id = e.session_id AND w.status = 'waitlisted' AND w.id <= e.id) END \
     AS waitlist_position, e.note, e.created_at \
     FROM enrolments e JOIN course_sessions s ON s.id = e.session_id JOIN courses c ON c.id = s.course_id JOIN people p ON p.id = e.person_id";

pub async fn get_enrolment(db: &Db, id: i64) -> Result<StoredEnrolment, StorageError> {
    let row = sqlx::query_as::<_, EnrolmentRow>(&format!("{SELECT} WHERE e.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get enrolment")?
        .ok_or(StorageError::NotFound("enrolment"))?;
    Ok(row.decode()?)
}

/// Whose enrolments a list shows.
#[derive(Debug, Clone, Copy)]
pub enum EnrolmentList {
    /// A session's roster: places first, then the waitlist in its order (cancelled ones left out).
    Roster { session_id: i64 },
    /// A person's enrolments, newest first.
    Person { person_id: i64 },
}

/// One page of a list, and how many it holds in all.
pub async fn list_enrolments(db: &Db, list: EnrolmentList, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredEnrolment>, i64)> {
    let (condition, order, id) = match list {
        EnrolmentList::Roster { session_id } => {
            ("e.session_id = $1 AND e.status <> 'cancelled'", "CASE WHEN e.status = 'waitlisted' THEN 1 ELSE 0 END, e.id", session_id)
        }
        EnrolmentList::Person { person_id } => ("e.person_id = $1", "e.id DESC", person_id),
    };
    let rows = sqlx::query_as::<_, EnrolmentRow>(&format!("{SELECT} WHERE {condition} ORDER BY {order} LIMIT $2 OFFSET $3"))
        .bind(id)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .context("list enrolments")?;
    let (total,): (i64,) =
        sqlx::query_as(&format!("SELECT COUNT(*) FROM enrolments e WHERE {condition}")).bind(id).fetch_one(db.pool()).await.context("count enrolments")?;
    let items = rows.into_iter().map(EnrolmentRow::decode).collect::<anyhow::Result<Vec<_>>>()?;
    Ok((items, total))
}

/// An enrolment asked for, already checked against the rules.
pub struct NewEnrolment {
    pub session_id: i64,
    pub person_id: i64,
    pub actor: i64,
    /// Enrolments by staff are audited.
    pub audit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnrolOutcome {
    /// A place was taken.
    Enrolled(i64),
    /// The session was full: the person joined the waitlist.
    Waitlisted(i64),
    /// The person already has a live entry in the session; nothing was written.
    AlreadyEnrolled,
    /// The session stopped taking enrolments meanwhile; nothing was written.
    SessionNotOpen,
}

/// Locks the session (see the module comment); false when it is not open or full.
/// The write changes nothing: `updated_at` stays the version staff edits are checked against.
async fn touch_session(conn: &mut AnyConnection, session_id: i64) -> anyhow::Result<bool> {
    let touched = sqlx::query("UPDATE course_sessions SET status = status WHERE id = $1 AND status IN ('open', 'full')")
        .bind(session_id)
        .execute(conn)
        .await
        .context("lock course session")?;
    Ok(touched.rows_affected() == 1)
}

/// Takes a place if one is free, else a waitlist entry, in one transaction.
#[tracing::instrument(skip_all, fields(session_id = n.session_id, person_id = n.person_id))]
pub async fn enrol(db: &Db, n: &NewEnrolment) -> anyhow::Result<EnrolOutcome> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    if !touch_session(&mut tx, n.session_id).await? {
        tx.rollback().await.context("rollback enrolment")?;
        return Ok(EnrolOutcome::SessionNotOpen);
    }
    let took = sqlx::query(
        "UPDATE course_sessions SET enrolled = enrolled + 1, status = CASE WHEN enrolled + 1 >= capacity THEN 'full' ELSE status END \
         WHERE id = $1 AND status = 'open' AND enrolled < capacity",
    )
    .bind(n.session_id)
    .execute(&mut *tx)
    .await
    .context("take a place")?
    .rows_affected()
        == 1;
    let status = if took { EnrolmentStatus::Enrolled } else { EnrolmentStatus::Waitlisted };
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO enrolments (session_id, person_id, status, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(n.session_id)
    .bind(n.person_id)
    .bind(status.as_str())
    .bind(n.actor)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await;
    let id = match inserted {
        Ok((id,)) => id,
        Err(e) if is_unique_violation(&e) => {
            tx.rollback().await.context("rollback enrolment")?;
            return Ok(EnrolOutcome::AlreadyEnrolled);
        }
        Err(e) => return Err(anyhow::Error::new(e).context("insert enrolment")),
    };
    if n.audit {
        append_audit(&mut tx, n.actor, &format!("enrolment.{}", status.as_str()), "enrolment", id).await?;
    }
    if took {
        append_change(&mut tx, db.backend(), "course_session", n.session_id).await?;
    }
    tx.commit().await.context("commit enrolment")?;
    Ok(if took { EnrolOutcome::Enrolled(id) } else { EnrolOutcome::Waitlisted(id) })
}

/// A cancellation asked for.
pub struct Cancellation<'a> {
    pub enrolment_id: i64,
    pub session_id: i64,
    pub note: Option<&'a str>,
    pub actor: i64,
    /// Cancellations by staff are audited.
    pub audit: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelOutcome {
    /// Cancelled; a freed place went to this waitlisted enrolment, if any was waiting.
    Cancelled { promoted: Option<i64> },
    /// The enrolment is neither enrolled nor waitlisted (any more); nothing was written.
    NotLive,
    /// The session is no longer open or full (it started, ended or was cancelled); nothing was written.
    SessionNotOpen,
}

/// Moves the enrolment to cancelled if it is still `from`.
async fn cancel_from(conn: &mut AnyConnection, c: &Cancellation<'_>, from: EnrolmentStatus, at: i64) -> anyhow::Result<bool> {
    let moved = sqlx::query("UPDATE enrolments SET status = 'cancelled', note = COALESCE($1, note), updated_at = $2 WHERE id = $3 AND status = $4")
        .bind(c.note)
        .bind(at)
        .bind(c.enrolment_id)
        .bind(from.as_str())
        .execute(conn)
        .await
        .context("cancel enrolment")?;
    Ok(moved.rows_affected() == 1)
}

/// Cancels a place or a waitlist entry; a freed place goes to the first waitlisted person, who gets a notice.
#[tracing::instrument(skip_all, fields(enrolment_id = c.enrolment_id, session_id = c.session_id))]
pub async fn cancel_enrolment(db: &Db, c: &Cancellation<'_>) -> anyhow::Result<CancelOutcome> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    if !touch_session(&mut tx, c.session_id).await? {
        tx.rollback().await.context("rollback cancellation")?;
        return Ok(CancelOutcome::SessionNotOpen);
    }
    let mut promoted = None;
    if cancel_from(&mut tx, c, EnrolmentStatus::Enrolled, at).await? {
        promoted = promote_first_waitlisted(&mut tx, c.session_id, at).await?;
        if promoted.is_none() {
            sqlx::query("UPDATE course_sessions SET enrolled = enrolled - 1, status = CASE WHEN status = 'full' THEN 'open' ELSE status END WHERE id = $1")
                .bind(c.session_id)
                .execute(&mut *tx)
                .await
                .context("free a place")?;
            append_change(&mut tx, db.backend(), "course_session", c.session_id).await?;
        }
    } else if !cancel_from(&mut tx, c, EnrolmentStatus::Waitlisted, at).await? {
        tx.rollback().await.context("rollback cancellation")?;
        return Ok(CancelOutcome::NotLive);
    }
    if c.audit {
        append_audit(&mut tx, c.actor, "enrolment.cancelled", "enrolment", c.enrolment_id).await?;
    }
    tx.commit().await.context("commit cancellation")?;
    Ok(CancelOutcome::Cancelled { promoted })
}

/// Gives the freed place to the first waitlisted entry (lowest id), with its notice.
async fn promote_first_waitlisted(conn: &mut AnyConnection, session_id: i64, at: i64) -> anyhow::Result<Option<i64>> {
    loop {
        let first: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, person_id FROM enrolments WHERE session_id = $1 AND status = 'waitlisted' ORDER BY id LIMIT 1")
                .bind(session_id)
                .fetch_optional(&mut *conn)
                .await
                .context("first waitlisted")?;
        let Some((id, person_id)) = first else { return Ok(None) };
        let moved = sqlx::query("UPDATE enrolments SET status = 'enrolled', updated_at = $1 WHERE id = $2 AND status = 'waitlisted'")
            .bind(at)
            .bind(id)
            .execute(&mut *conn)
            .await
            .context("promote waitlisted")?;
        if moved.rows_affected() == 1 {
            sqlx::query("INSERT INTO training_notices (person_id, kind, session_id, created_at) VALUES ($1, $2, $3, $4)")
                .bind(person_id)
                .bind(NoticeKind::WaitlistPromoted.as_str())
                .bind(session_id)
                .bind(at)
                .execute(&mut *conn)
                .await
                .context("notice of promotion")?;
            return Ok(Some(id));
        }
        // Left the waitlist meanwhile (not under this session's lock): take the next.
    }
}

/// A training notice, decoded.
#[derive(Debug, Clone)]
pub struct StoredNotice {
    pub id: i64,
    pub kind: NoticeKind,
    pub session_id: i64,
    pub course_title: String,
    pub certificate_id: Option<i64>,
    pub created_at: i64,
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    id: i64,
    kind: String,
    session_id: i64,
    course_title: String,
    certificate_id: Option<i64>,
    created_at: i64,
}

/// One page of a person's training notices, newest first, and how many they have in all.
pub async fn list_notices(db: &Db, person_id: i64, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredNotice>, i64)> {
    let rows = sqlx::query_as::<_, NoticeRow>(
        "SELECT n.id, n.kind, n.session_id, c.title AS course_title, n.certificate_id, n.created_at \
         FROM training_notices n JOIN course_sessions s ON s.id = n.session_id JOIN courses c ON c.id = s.course_id \
         WHERE n.person_id = $1 ORDER BY n.id DESC LIMIT $2 OFFSET $3",
    )
    .bind(person_id)
    .bind(limit)
    .bind(offset)
    .fetch_all(db.pool())
    .await
    .context("list notices")?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM training_notices WHERE person_id = $1").bind(person_id).fetch_one(db.pool()).await.context("count notices")?;
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(StoredNotice {
                kind: RowDecoder::new("training_notices", r.id).spelled("kind", &r.kind, NoticeKind::parse)?,
                id: r.id,
                session_id: r.session_id,
                course_title: r.course_title,
                certificate_id: r.certificate_id,
                created_at: r.created_at,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok((items, total))
}
