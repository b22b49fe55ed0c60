//! Baseline 1: SQLite FTS5 (the bundled SQLite, built with FTS5). The words
//! go in a contentless FTS5 table whose rowid is the posting's id; the
//! filter columns in an ordinary table with an index on (lat, lon) for the
//! commute box. A match is one prepared statement: `bm25()` (title 2, body
//! 1, skills 3, the product's boosts) over the words, joined to the filter
//! table, the exact commute circle, and the blend with nearness in SQL. The
//! bundled SQLite has no `exp()`, so the gaussian is 1 / (the first five
//! terms of its Taylor series), which keeps its order and is within a few
//! per cent where it matters.

use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Row as _;

use super::baseline::{fill, Ask, Row, TOP};

const SCHEMA: &[&str] = &[
    "CREATE TABLE sites (id INTEGER PRIMARY KEY, lat REAL NOT NULL, lon REAL NOT NULL, wage_max INTEGER NOT NULL, schedule INTEGER NOT NULL, \
     physical INTEGER NOT NULL, accessible INTEGER NOT NULL, valid_until INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE words USING fts5(title, body, skills, content='', tokenize='unicode61')",
];

/// The filters every answer passes: box, validity, wage, access, demand, schedule, then the circle.
const FILTERS: &str = "s.lat BETWEEN ?3 AND ?4 AND s.lon BETWEEN ?5 AND ?6 AND s.valid_until >= ?7 AND s.wage_max >= ?8 AND s.accessible >= ?9 \
     AND s.physical <= ?10 AND (?11 >> s.schedule) & 1 = 1";

const KM2: &str = "(s.lat - ?1) * (s.lat - ?1) * 12364.33 + (s.lon - ?2) * (s.lon - ?2) * ?12";

pub struct Fts5 {
    pool: SqlitePool,
    _dir: tempfile::TempDir,
    matching: String,
    nearest: String,
}

impl Fts5 {
    /// A fresh database in a temporary directory with `rows` in it, indexed and analysed.
    pub async fn load(rows: &[Row]) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", dir.path().join("fts5.db").display()))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Off)
            .pragma("cache_size", "-262144")
            .pragma("mmap_size", "1073741824");
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        for statement in SCHEMA {
            sqlx::query(statement).execute(&pool).await?;
        }
        let mut tx = pool.begin().await?;
        for r in rows {
            sqlx::query("INSERT INTO sites VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .bind(r.id)
                .bind(r.lat)
                .bind(r.lon)
                .bind(r.wage_max)
                .bind(r.schedule)
                .bind(r.physical)
                .bind(r.accessible)
                .bind(r.valid_until)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO words (rowid, title, body, skills) VALUES (?1, ?2, ?3, ?4)")
                .bind(r.id)
                .bind(&r.title)
                .bind(&r.body)
                .bind(&r.skills)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        sqlx::query("CREATE INDEX sites_box ON sites (lat, lon)").execute(&pool).await?;
        sqlx::query("INSERT INTO words (words) VALUES ('optimize')").execute(&pool).await?;
        sqlx::query("ANALYZE").execute(&pool).await?;
        let matching = format!(
            "WITH hits AS MATERIALIZED (SELECT s.id, -bm25(words, 2.0, 1.0, 3.0) AS r, {KM2} AS km2 FROM words JOIN sites s ON s.id = words.rowid \
             WHERE words MATCH ?15 AND {FILTERS}), \
             near AS (SELECT id, r, km2 / ?14 AS x FROM hits WHERE km2 <= ?13), \
             best AS (SELECT max(r) AS top FROM near) \
             SELECT id FROM near, best ORDER BY 0.6 * r / top + 0.4 / (1.0 + x + x * x / 2.0 + x * x * x / 6.0 + x * x * x * x / 24.0) DESC, id LIMIT {TOP}"
        );
        let nearest = format!("SELECT s.id FROM sites s WHERE {FILTERS} AND {KM2} <= ?13 AND ?14 = ?14 ORDER BY {KM2}, s.id LIMIT {TOP}");
        Ok(Self { pool, _dir: dir, matching, nearest })
    }

    /// How SQLite runs the match, for the bench's notes.
    pub async fn plan(&self, ask: &Ask) -> anyhow::Result<String> {
        let rows = bind(sqlx::query(&format!("EXPLAIN QUERY PLAN {}", self.matching)), ask, &match_expression(ask)).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.get::<String, _>(3)).collect::<Vec<_>>().join("; "))
    }

    /// The top ids for a request, best first.
    pub async fn top(&self, ask: &Ask) -> anyhow::Result<Vec<i64>> {
        let mut ids = Vec::with_capacity(TOP);
        if ask.has_terms() {
            let rows = bind(sqlx::query(&self.matching), ask, &match_expression(ask)).fetch_all(&self.pool).await?;
            ids.extend(rows.iter().map(|r| r.get::<i64, _>(0)));
        }
        if ids.len() < TOP {
            let rows = bind(sqlx::query(&self.nearest), ask, "").fetch_all(&self.pool).await?;
            fill(&mut ids, rows.iter().map(|r| r.get::<i64, _>(0)).collect());
        }
        Ok(ids)
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

fn bind<'q>(q: Query<'q>, ask: &Ask, expression: &str) -> Query<'q> {
    let q = q
        .bind(ask.home.lat)
        .bind(ask.home.lon)
        .bind(ask.min_lat)
        .bind(ask.max_lat)
        .bind(ask.min_lon)
        .bind(ask.max_lon)
        .bind(ask.valid_on)
        .bind(ask.min_wage)
        .bind(ask.accessible)
        .bind(ask.max_physical)
        .bind(ask.schedules)
        .bind(ask.lon_km2)
        .bind(ask.reach2)
        .bind(ask.width2);
    if expression.is_empty() {
        q
    } else {
        q.bind(expression.to_string())
    }
}

/// `skills : ("sksewing" OR …) OR {title body} : ("衣服" OR …)`, every token quoted.
fn match_expression(ask: &Ask) -> String {
    let quoted = |list: &[String]| list.iter().map(|t| format!("\"{}\"", t.replace('"', "\"\""))).collect::<Vec<_>>().join(" OR ");
    let mut parts = Vec::new();
    if !ask.skills.is_empty() {
        parts.push(format!("skills : ({})", quoted(&ask.skills)));
    }
    if !ask.words.is_empty() {
        parts.push(format!("{{title body}} : ({})", quoted(&ask.words)));
    }
    parts.join(" OR ")
}
