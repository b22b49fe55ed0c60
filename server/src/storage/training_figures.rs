//! The training figures' queries: counts of enrolments, completions and
//! certificates inside a region and a span of days, by course, place and
//! month (one grouped query) and by assistance category (another), and the
//! certificates with the jobs their holders started afterwards. Records are
//! counted where the course session was held. The service
//! `figures::training` assembles the breakdowns; nothing else counts these.

use anyhow::Context;
use doorstep_shared::api::AssistanceCategory;
use doorstep_shared::types::{Day, RegionCode, YearMonth};

use super::{Db, RowDecoder};

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingMeasure {
    /// Places taken (enrolled, completed, not completed), dated by the session's start.
    Enrolments,
    /// Completed places, dated by the day of completion (the certificate's issue day;
    /// the session's end for a completion without one).
    Completions,
    /// Certificates, dated by their issue day.
    Certificates,
}

impl TrainingMeasure {
    /// The rows counted (aliases `cs` for the session, `c` for the course),
    /// which of them, the day each is dated by, and the person it belongs to.
    fn sql(self) -> (&'static str, &'static str, &'static str, &'static str) {
        const PLACES: &str = "enrolments e JOIN course_sessions cs ON cs.id = e.session_id JOIN courses c ON c.id = cs.course_id";
        match self {
            Self::Enrolments => (PLACES, "e.status IN ('enrolled', 'completed', 'not_completed')", "cs.start_date", "e.person_id"),
            Self::Completions => (
                "enrolments e JOIN course_sessions cs ON cs.id = e.session_id JOIN courses c ON c.id = cs.course_id \
                 LEFT JOIN certificates ce ON ce.enrolment_id = e.id",
                "e.status = 'completed'",
                "COALESCE(ce.issued_on, cs.end_date)",
                "e.person_id",
            ),
            Self::Certificates => (
                "certificates ce JOIN course_sessions cs ON cs.id = ce.session_id JOIN courses c ON c.id = ce.course_id",
                "1 = 1",
                "ce.issued_on",
                "ce.person_id",
            ),
        }
    }
}

/// Where and when: sessions held under `region_prefix` ("" for everywhere),
/// records dated on or after `first_day` and before `end`.
#[derive(Debug, Clone)]
pub struct FigureWindow {
    pub region_prefix: String,
    pub first_day: Day,
    pub end: Day,
}

impl FigureWindow {
    fn pattern(&self) -> String {
        format!("{}%", self.region_prefix)
    }
}

/// A count for one course, session place and month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainingCell {
    pub course_id: i64,
    pub course_title: String,
    /// The session's region.
    pub region: RegionCode,
    pub month: YearMonth,
    pub count: u32,
}

#[derive(sqlx::FromRow)]
struct CellRow {
    course_id: i64,
    course_title: String,
    region_code: String,
    month: String,
    n: i64,
}

impl CellRow {
    fn decode(self) -> anyhow::Result<TrainingCell> {
        let d = RowDecoder::new("courses", self.course_id);
        Ok(TrainingCell {
            region: RowDecoder::new("course_sessions", self.course_id).region("region_code", &self.region_code)?,
            month: YearMonth::parse(&self.month).map_err(|_| d.corrupt("month", &self.month))?,
            count: d.number("count", self.n)?,
            course_id: self.course_id,
            course_title: self.course_title,
        })
    }
}

/// Counts a measure by course, session region and month.
pub async fn training_cells(db: &Db, measure: TrainingMeasure, window: &FigureWindow) -> anyhow::Result<Vec<TrainingCell>> {
    let (from, which, dated, _) = measure.sql();
    let sql = format!(
        "SELECT c.id AS course_id, c.title AS course_title, cs.region_code, SUBSTR({dated}, 1, 7) AS month, COUNT(*) AS n \
         FROM {from} WHERE {which} AND cs.region_code LIKE $1 AND {dated} >= $2 AND {dated} < $3 \
         GROUP BY c.id, c.title, cs.region_code, SUBSTR({dated}, 1, 7)"
    );
    let rows = sqlx::query_as::<_, CellRow>(&sql)
        .bind(window.pattern())
        .bind(window.first_day.to_string())
        .bind(window.end.to_string())
        .fetch_all(db.pool())
        .await
        .with_context(|| format!("count {measure:?} by course, place and month"))?;
    rows.into_iter().map(CellRow::decode).collect()
}

/// A count for one verified assistance category (`None`: people with none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCell {
    pub category: Option<AssistanceCategory>,
    pub count: u32,
}

/// Counts a measure by the verified assistance categories of the people
/// counted; a person in two categories counts in both.
pub async fn training_by_category(db: &Db, measure: TrainingMeasure, window: &FigureWindow) -> anyhow::Result<Vec<CategoryCell>> {
    let (from, which, dated, person) = measure.sql();
    let sql = format!(
        "SELECT pc.category, COUNT(*) AS n FROM {from} \
         LEFT JOIN person_categories pc ON pc.person_id = {person} AND pc.verified = 1 \
         WHERE {which} AND cs.region_code LIKE $1 AND {dated} >= $2 AND {dated} < $3 GROUP BY pc.category"
    );
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(&sql)
        .bind(window.pattern())
        .bind(window.first_day.to_string())
        .bind(window.end.to_string())
        .fetch_all(db.pool())
        .await
        .with_context(|| format!("count {measure:?} by category"))?;
    let d = RowDecoder::new("person_categories", 0);
    rows.into_iter()
        .map(|(category, n)| {
            Ok(CategoryCell { category: category.map(|c| d.spelled("category", &c, AssistanceCategory::parse)).transpose()?, count: d.number("count", n)? })
        })
        .collect()
}

/// A certificate issued in the window, with the start of one job its holder
/// began on or after the issue day (`None`: no such job).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateOutcome {
    pub certificate_id: i64,
    pub person_id: i64,
    /// The region of the certificate's session.
    pub region: RegionCode,
    pub issued_on: Day,
    pub job_start: Option<Day>,
}

#[derive(sqlx::FromRow)]
struct OutcomeRow {
    id: i64,
    person_id: i64,
    region_code: String,
    issued_on: String,
    job_start: Option<String>,
}

impl OutcomeRow {
    fn decode(self) -> anyhow::Result<CertificateOutcome> {
        let d = RowDecoder::new("certificates", self.id);
        Ok(CertificateOutcome {
            region: d.region("region_code", &self.region_code)?,
            issued_on: d.day("issued_on", &self.issued_on)?,
            job_start: self.job_start.map(|s| RowDecoder::new("placements", self.person_id).day("start_date", &s)).transpose()?,
            certificate_id: self.id,
            person_id: self.person_id,
        })
    }
}

/// Certificates issued in the window, once per job their holder started on
/// or after the issue day (once with `job_start: None` when there is none).
pub async fn certificate_outcomes(db: &Db, window: &FigureWindow) -> anyhow::Result<Vec<CertificateOutcome>> {
    let rows = sqlx::query_as::<_, OutcomeRow>(
        "SELECT ce.id, ce.person_id, cs.region_code, ce.issued_on, pl.start_date AS job_start \
         FROM certificates ce JOIN course_sessions cs ON cs.id = ce.session_id \
         LEFT JOIN placements pl ON pl.person_id = ce.person_id AND pl.start_date >= ce.issued_on \
         WHERE cs.region_code LIKE $1 AND ce.issued_on >= $2 AND ce.issued_on < $3 ORDER BY ce.id",
    )
    .bind(window.pattern())
    .bind(window.first_day.to_string())
    .bind(window.end.to_string())
    .fetch_all(db.pool())
    .await
    .context("certificates and the jobs after them")?;
    rows.into_iter().map(OutcomeRow::decode).collect()
}
