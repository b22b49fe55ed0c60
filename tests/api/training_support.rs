//! Arrange steps for the training platform's tests: a published course and
//! its sessions written straight into the database (with their change-feed
//! rows), so that enrolment, certificates, search and suggestions can be
//! tested on their own. Tests of courses and sessions themselves go through
//! the API.

use doorstep_server::storage::append_change;

use crate::helpers::{days_from_today, TestApp};

/// A course as the fixture writes it.
pub struct CourseFixture<'a> {
    pub title: &'a str,
    pub region: &'a str,
    /// Skill codes the course certifies.
    pub skills: &'a [&'a str],
    /// Assistance categories it is for; empty for anyone.
    pub categories: &'a [&'a str],
}

/// A session as the fixture writes it; dates are days from today.
pub struct SessionFixture<'a> {
    pub course_id: i64,
    pub region: &'a str,
    pub starts_in: i64,
    pub ends_in: i64,
    pub capacity: i64,
    /// Comma list of weekdays, for example `mon,wed`.
    pub days: &'a str,
    /// `daytime` or `evening`.
    pub period: &'a str,
}

/// Writes a published course; returns its id.
pub async fn insert_course(app: &TestApp, course: &CourseFixture<'_>) -> i64 {
    let pool = app.db().pool();
    let mut tx = pool.begin().await.expect("begin");
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO courses (title, provider, provider_kind, description, region_code, hours, subsidy_yuan, status, created_by, created_at, updated_at) \
         VALUES ($1, '安康市职业技能培训学校', 'school', $2, $3, 40, 800, 'published', (SELECT MIN(id) FROM users), 0, 0) RETURNING id",
    )
    .bind(course.title)
    .bind(format!("{}：理论与实操", course.title))
    .bind(course.region)
    .fetch_one(&mut *tx)
    .await
    .expect("course inserted");
    for skill in course.skills {
        sqlx::query("INSERT INTO course_skills (course_id, skill_code) VALUES ($1, $2)").bind(id).bind(*skill).execute(&mut *tx).await.expect("course skill");
    }
    for category in course.categories {
        sqlx::query("INSERT INTO course_categories (course_id, category) VALUES ($1, $2)").bind(id).bind(*category).execute(&mut *tx).await.expect("category");
    }
    append_change(&mut tx, app.db().backend(), "course", id).await.expect("feed");
    tx.commit().await.expect("commit");
    id
}

/// Writes an open session at the region's point; returns its id.
pub async fn insert_session(app: &TestApp, session: &SessionFixture<'_>) -> i64 {
    let pool = app.db().pool();
    let mut tx = pool.begin().await.expect("begin");
    let (lat, lon): (f64, f64) =
        sqlx::query_as("SELECT lat, lon FROM regions WHERE code = $1").bind(session.region).fetch_one(&mut *tx).await.expect("region point");
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO course_sessions (course_id, start_date, end_date, enrol_deadline, region_code, address, lat, lon, site_approximate, \
         capacity, enrolled, days, period, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, '社区培训中心', $6, $7, 1, $8, 0, $9, $10, 'open', (SELECT MIN(id) FROM users), 0, 0) RETURNING id",
    )
    .bind(session.course_id)
    .bind(days_from_today(session.starts_in))
    .bind(days_from_today(session.ends_in))
    .bind(days_from_today(session.starts_in - 1))
    .bind(session.region)
    .bind(lat)
    .bind(lon)
    .bind(session.capacity)
    .bind(session.days)
    .bind(session.period)
    .fetch_one(&mut *tx)
    .await
    .expect("session inserted");
    append_change(&mut tx, app.db().backend(), "course_session", id).await.expect("feed");
    tx.commit().await.expect("commit");
    id
}

/// Writes an enrolment row in `status` and nothing else (no counter, no
/// feed row); returns its id.
pub async fn insert_enrolment_row(conn: &mut sqlx::AnyConnection, session_id: i64, person_id: i64, status: &str) -> i64 {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO enrolments (session_id, person_id, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, (SELECT MIN(id) FROM users), 0, 0) RETURNING id",
    )
    .bind(session_id)
    .bind(person_id)
    .bind(status)
    .fetch_one(conn)
    .await
    .expect("enrolment inserted");
    id
}

/// Writes an enrolment in `status` (`enrolled` also takes a place in the
/// session's `enrolled` counter) with the session's feed row; returns its id.
pub async fn insert_enrolment(app: &TestApp, session_id: i64, person_id: i64, status: &str) -> i64 {
    let pool = app.db().pool();
    let mut tx = pool.begin().await.expect("begin");
    let id = insert_enrolment_row(&mut tx, session_id, person_id, status).await;
    if status == "enrolled" {
        sqlx::query("UPDATE course_sessions SET enrolled = enrolled + 1 WHERE id = $1").bind(session_id).execute(&mut *tx).await.expect("place taken");
    }
    append_change(&mut tx, app.db().backend(), "course_session", session_id).await.expect("feed");
    tx.commit().await.expect("commit");
    id
}

/// Sets a session's status (`running`, `finished`, …) straight in the database.
pub async fn set_session_status(app: &TestApp, session_id: i64, status: &str) {
    let pool = app.db().pool();
    let mut tx = pool.begin().await.expect("begin");
    sqlx::query("UPDATE course_sessions SET status = $1 WHERE id = $2").bind(status).bind(session_id).execute(&mut *tx).await.expect("status set");
    append_change(&mut tx, app.db().backend(), "course_session", session_id).await.expect("feed");
    tx.commit().await.expect("commit");
}
