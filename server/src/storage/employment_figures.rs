//! The employment figures' queries: every measure is one row source (a
//! push, an application, a hire or a placement, with its person, posting,
//! moment and day), and every count and every drill-down list reads that
//! source through the same filter, so a figure and the list behind it can
//! never disagree. `figures::employment` adds up; nothing else counts these.
//!
//! Where: a record counts where its person lived when it happened (the
//! `from_region` of the first move after it, else today's home), so a move
//! leaves past results in the town that achieved them. When: pushes,
//! applications and hires by their moment (a day in China), placements by
//! the job's start day.

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, EmploymentMeasure, PlacementKind};
use doorstep_shared::types::{Day, RegionCode, YearMonth};

use super::{Backend, Db, RowDecoder};

/// China is UTC+8 all year.
const CHINA_OFFSET_SECS: i64 = 8 * 3600;

/// Every placement, as a row source.
const PLACEMENTS: &str = "SELECT id AS rid, person_id, posting_id, created_at AS at, start_date AS start_day, kind, monthly_wage AS wage FROM placements";

/// The rows a measure counts: `rid` (the record's id in its table),
/// `person_id`, `posting_id`, `at` (Unix seconds: when it happened),
/// `start_day` (a placement's), `kind`, `wage`.
fn source(measure: EmploymentMeasure) -> &'static str {
    const PUSHES: &str = "SELECT id AS rid, person_id, posting_id, created_at AS at, CAST(NULL AS TEXT) AS start_day, CAST(NULL AS TEXT) AS kind, \
                          CAST(NULL AS BIGINT) AS wage FROM push_items WHERE invited = 0";
    const REFERRALS: &str = "SELECT id AS rid, person_id, posting_id, created_at AS at, CAST(NULL AS TEXT) AS start_day, CAST(NULL AS TEXT) AS kind, \
                             CAST(NULL AS BIGINT) AS wage FROM applications WHERE source = 'referral'";
    match measure {
        EmploymentMeasure::Pushes | EmploymentMeasure::PeopleReached => PUSHES,
        EmploymentMeasure::PeopleRecommended => {
            "SELECT id AS rid, person_id, posting_id, created_at AS at, CAST(NULL AS TEXT) AS start_day, CAST(NULL AS TEXT) AS kind, \
             CAST(NULL AS BIGINT) AS wage FROM push_items WHERE invited = 0 \
             UNION ALL SELECT id, person_id, posting_id, created_at, NULL, NULL, NULL FROM applications WHERE source = 'referral'"
        }
        EmploymentMeasure::Applications => {
            "SELECT id AS rid, person_id, posting_id, created_at AS at, CAST(NULL AS TEXT) AS start_day, CAST(NULL AS TEXT) AS kind, \
             CAST(NULL AS BIGINT) AS wage FROM applications WHERE source = 'applied'"
        }
        EmploymentMeasure::Referrals => REFERRALS,
        EmploymentMeasure::Hires => {
            "SELECT id AS rid, person_id, posting_id, updated_at AS at, CAST(NULL AS TEXT) AS start_day, CAST(NULL AS TEXT) AS kind, \
             CAST(NULL AS BIGINT) AS wage FROM applications WHERE status = 'hired'"
        }
        EmploymentMeasure::PlacedNearby => {
            "SELECT id AS rid, person_id, posting_id, created_at AS at, start_date AS start_day, kind, monthly_wage AS wage FROM placements WHERE kind = 'nearby'"
        }
        EmploymentMeasure::PlacedTransfer => {
            "SELECT id AS rid, person_id, posting_id, created_at AS at, start_date AS start_day, kind, monthly_wage AS wage FROM placements WHERE kind = 'transfer'"
        }
    }
}

/// Whether a measure is dated by the job's start day rather than its moment.
fn by_start_day(measure: EmploymentMeasure) -> bool {
    matches!(measure, EmploymentMeasure::PlacedNearby | EmploymentMeasure::PlacedTransfer)
}

/// Where and when, and which slice of a figure (for a drill-down).
#[derive(Debug, Clone, Default)]
pub struct EmploymentWindow {
    /// Homes under this prefix ("" for everywhere).
    pub region_prefix: String,
    pub first_day: Option<Day>,
    /// The first day after the window.
    pub end: Option<Day>,
    /// Only this area (a region whose code the home starts with).
    pub area: Option<RegionCode>,
    pub month: Option<YearMonth>,
    /// Only people of this verified category; `Some(None)`: people with none.
    pub category: Option<Option<AssistanceCategory>>,
}

/// How counts are grouped.
#[derive(Debug, Clone, Copy)]
pub enum Grouping {
    Total,
    /// By the home's ancestor with codes this long.
    Area(usize),
    Month,
    Category,
}

/// The query text for a measure in a window: the source's rows with their
/// `home` and `month`, filtered, aliased `x`; binds `$1` to `$3`.
fn filtered(db: &Db, measure: EmploymentMeasure, w: &EmploymentWindow) -> String {
    filtered_rows(db, source(measure), by_start_day(measure), w)
}

fn filtered_rows(db: &Db, source: &str, by_day: bool, w: &EmploymentWindow) -> String {
    let month = if by_day {
        "SUBSTR(r.start_day, 1, 7)".to_string()
    } else {
        match db.backend() {
            Backend::Sqlite => format!("strftime('%Y-%m', r.at + {CHINA_OFFSET_SECS}, 'unixepoch')"),
            Backend::Postgres => format!("to_char(to_timestamp(r.at + {CHINA_OFFSET_SECS}) AT TIME ZONE 'UTC', 'YYYY-MM')"),
        }
    };
    let dated = if by_day { "r.start_day >= $2 AND r.start_day < $3" } else { "r.at >= $2 AND r.at < $3" };
    let mut sql = format!(
        "SELECT r.*, {month} AS month, COALESCE((SELECT m.from_region FROM person_moves m WHERE m.person_id = r.person_id AND m.moved_at > r.at \
         ORDER BY m.moved_at LIMIT 1), p.home_region) AS home FROM ({source}) r JOIN people p ON p.id = r.person_id WHERE {dated}"
    );
    sql = format!("SELECT * FROM ({sql}) x WHERE x.home LIKE $1");
    if let Some(area) = &w.area {
        sql.push_str(&format!(" AND SUBSTR(x.home, 1, {}) = '{}'", area.as_ref().len(), digits(area.as_ref())));
    }
    if let Some(month) = w.month {
        sql.push_str(&format!(" AND x.month = '{}'", digits_and_dash(&month.to_string())));
    }
    match w.category {
        Some(Some(c)) => sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = x.person_id AND c.verified = 1 AND c.category = '{}')",
            c.as_str()
        )),
        Some(None) => sql.push_str(" AND NOT EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = x.person_id AND c.verified = 1)"),
        None => {}
    }
    sql
}

/// Parsed codes and months are digits (and a dash) already; this keeps the inlined text honest.
fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn digits_and_dash(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect()
}

type AnyQueryAs<'q, T> = sqlx::query::QueryAs<'q, sqlx::Any, T, sqlx::any::AnyArguments<'q>>;

/// Binds the window's prefix and bounds, `$1` to `$3`.
fn bind_window<'q, T>(q: AnyQueryAs<'q, T>, measure: EmploymentMeasure, w: &EmploymentWindow) -> AnyQueryAs<'q, T> {
    let q = q.bind(format!("{}%", w.region_prefix));
    let (first, end) = (w.first_day.unwrap_or(Day::from_unix_days(0)), w.end.unwrap_or(Day::from_unix_days(200_000)));
    if by_start_day(measure) {
        q.bind(first.to_string()).bind(end.to_string())
    } else {
        q.bind(first.unix_days() * 86_400 - CHINA_OFFSET_SECS).bind(end.unix_days() * 86_400 - CHINA_OFFSET_SECS)
    }
}

/// Counts a measure in a window, grouped; the key is "" for the total, the
/// area's code, the month, or the category ("" for people with none).
pub async fn employment_counts(db: &Db, measure: EmploymentMeasure, w: &EmploymentWindow, grouping: Grouping) -> anyhow::Result<Vec<(String, u32)>> {
    let counted = if measure.counts_people() { "COUNT(DISTINCT x.person_id)" } else { "COUNT(*)" };
    let rows = filtered(db, measure, w);
    let sql = match grouping {
        Grouping::Total => format!("SELECT '' AS k, {counted} AS n FROM ({rows}) x"),
        Grouping::Area(len) => format!("SELECT SUBSTR(x.home, 1, {len}) AS k, {counted} AS n FROM ({rows}) x GROUP BY SUBSTR(x.home, 1, {len})"),
        Grouping::Month => format!("SELECT x.month AS k, {counted} AS n FROM ({rows}) x GROUP BY x.month"),
        Grouping::Category => format!(
            "SELECT COALESCE(c.category, '') AS k, {counted} AS n FROM ({rows}) x \
             LEFT JOIN person_categories c ON c.person_id = x.person_id AND c.verified = 1 GROUP BY c.category"
        ),
    };
    let found: Vec<(String, i64)> =
        bind_window(sqlx::query_as(&sql), measure, w).fetch_all(db.pool()).await.with_context(|| format!("count {measure:?} by {grouping:?}"))?;
    let d = RowDecoder::new("employment_figures", 0);
    found.into_iter().map(|(k, n)| Ok((k, d.number("count", n)?))).collect()
}

/// One record behind a figure, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmploymentRow {
    pub person_id: i64,
    pub name: String,
    pub id_masked: String,
    pub home: RegionCode,
    pub day: Day,
    pub posting_id: i64,
    pub posting_title: String,
    pub employer: String,
    pub kind: Option<PlacementKind>,
    pub wage: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    person_id: i64,
    name: String,
    id_masked: String,
    home: String,
    at: i64,
    start_day: Option<String>,
    posting_id: i64,
    title: String,
    employer: String,
    kind: Option<String>,
    wage: Option<i64>,
}

impl RecordRow {
    fn decode(self) -> anyhow::Result<EmploymentRow> {
        let d = RowDecoder::new("people", self.person_id);
        Ok(EmploymentRow {
            home: d.region("home_region", &self.home)?,
            day: match &self.start_day {
                Some(s) => d.day("start_date", s)?,
                None => Day::in_china_at(self.at),
            },
            kind: self.kind.map(|k| d.spelled("kind", &k, PlacementKind::parse)).transpose()?,
            wage: self.wage.map(|w| d.number("monthly_wage", w)).transpose()?,
            person_id: self.person_id,
            name: self.name,
            id_masked: self.id_masked,
            posting_id: self.posting_id,
            posting_title: self.title,
            employer: self.employer,
        })
    }
}

/// The records behind a measure in a window, newest first, a page of them, and how many in all.
pub async fn employment_records(
    db: &Db,
    measure: EmploymentMeasure,
    w: &EmploymentWindow,
    limit: i64,
    offset: i64,
) -> anyhow::Result<(Vec<EmploymentRow>, i64)> {
    let rows = filtered(db, measure, w);
    let (total,): (i64,) = bind_window(sqlx::query_as(&format!("SELECT COUNT(*) FROM ({rows}) x")), measure, w)
        .fetch_one(db.pool())
        .await
        .with_context(|| format!("count {measure:?} records"))?;
    let sql = format!(
        "SELECT x.person_id, p.name, p.id_masked, x.home, x.at, x.start_day, x.posting_id, po.title, e.name AS employer, x.kind, x.wage \
         FROM ({rows}) x JOIN people p ON p.id = x.person_id JOIN postings po ON po.id = x.posting_id JOIN employers e ON e.id = po.employer_id \
         ORDER BY x.at DESC, x.person_id LIMIT $4 OFFSET $5"
    );
    let found = bind_window(sqlx::query_as::<_, RecordRow>(&sql), measure, w)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .with_context(|| format!("list {measure:?} records"))?;
    Ok((found.into_iter().map(RecordRow::decode).collect::<anyhow::Result<_>>()?, total))
}

/// A placement that started in a window, with what its follow-ups said:
/// `Some(true)` still employed, `Some(false)` ended, `None` not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementOutcome {
    pub placement_id: i64,
    pub home: RegionCode,
    pub start: Day,
    pub wage: u32,
    /// At 1, 3 and 6 months.
    pub stayed: [Option<bool>; 3],
}

#[derive(sqlx::FromRow)]
struct OutcomeRow {
    id: i64,
    home: String,
    start_day: Option<String>,
    wage: Option<i64>,
    f1: Option<i64>,
    f3: Option<i64>,
    f6: Option<i64>,
}

/// Placements (nearby and transfer) that started in the window, with their follow-ups.
pub async fn placement_outcomes(db: &Db, w: &EmploymentWindow) -> anyhow::Result<Vec<PlacementOutcome>> {
    let placements = filtered_rows(db, PLACEMENTS, true, w);
    let sql = format!(
        "SELECT x.rid AS id, x.home, x.start_day, x.wage, f1.still_employed AS f1, f3.still_employed AS f3, f6.still_employed AS f6 \
         FROM ({placements}) x \
         LEFT JOIN follow_ups f1 ON f1.placement_id = x.rid AND f1.month = 1 \
         LEFT JOIN follow_ups f3 ON f3.placement_id = x.rid AND f3.month = 3 \
         LEFT JOIN follow_ups f6 ON f6.placement_id = x.rid AND f6.month = 6 ORDER BY x.rid"
    );
    let rows = bind_window(sqlx::query_as::<_, OutcomeRow>(&sql), EmploymentMeasure::PlacedNearby, w)
        .fetch_all(db.pool())
        .await
        .context("placements and their follow-ups")?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let d = RowDecoder::new("placements", r.id);
        out.push(PlacementOutcome {
            placement_id: r.id,
            home: d.region("home_region", &r.home)?,
            start: d.day("start_date", r.start_day.as_deref().unwrap_or_default())?,
            wage: d.number("monthly_wage", r.wage.unwrap_or_default())?,
            stayed: [r.f1.map(|v| v == 1), r.f3.map(|v| v == 1), r.f6.map(|v| v == 1)],
        });
    }
    Ok(out)
}
