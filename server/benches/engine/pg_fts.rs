//! Baseline 2: PostgreSQL full-text search. Each posting's text, segmented
//! by the product's jieba analyzer beforehand, becomes a `tsvector` with the
//! `simple` configuration (skills weighted A, title B, body C), under a GIN
//! index; the filter columns sit beside it with a B-tree on (lat, lon) for
//! the commute box. A match is one prepared statement: `ts_rank` (weights
//! 1, 2/3, 1/3 as the product's boosts 3, 2, 1) over a tsquery of the skill
//! tokens (A only) and words (B or C), the filters, the exact commute
//! circle, and the blend with nearness (`exp`) in SQL.

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::Row as _;

use super::baseline::{fill, Ask, Row, TOP};

const SCHEMA: &str = "CREATE TABLE bench_sites (id bigint PRIMARY KEY, lat float8 NOT NULL, lon float8 NOT NULL, wage_max int8 NOT NULL, \
     schedule int8 NOT NULL, physical int8 NOT NULL, accessible int8 NOT NULL, valid_until int8 NOT NULL, doc tsvector NOT NULL)";

const FILTERS: &str = "s.lat BETWEEN $3 AND $4 AND s.lon BETWEEN $5 AND $6 AND s.valid_until >= $7 AND s.wage_max >= $8 AND s.accessible >= $9 \
     AND s.physical <= $10 AND ($11 >> s.schedule::int) & 1 = 1";

const KM2: &str = "((s.lat - $1) * (s.lat - $1) * 12364.33 + (s.lon - $2) * (s.lon - $2) * $12)";

pub struct PgFts {
    pool: PgPool,
    matching: String,
    nearest: String,
}

impl PgFts {
    /// Creates the table in the database at `url` (dropping an old one), loads `rows`, indexes and analyses.
    pub async fn load(url: &str, rows: &[Row]) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new().max_connections(4).connect(url).await?;
        sqlx::query("DROP TABLE IF EXISTS bench_sites").execute(&pool).await?;
        sqlx::query(SCHEMA).execute(&pool).await?;
        for chunk in rows.chunks(2_000) {
            let column = |f: fn(&Row) -> i64| chunk.iter().map(f).collect::<Vec<i64>>();
            let text = |f: fn(&Row) -> &str| chunk.iter().map(|r| f(r).to_string()).collect::<Vec<String>>();
            sqlx::query(
                "INSERT INTO bench_sites SELECT id, lat, lon, wage_max, schedule, physical, accessible, valid_until, \
                 setweight(to_tsvector('simple', skills), 'A') || setweight(to_tsvector('simple', title), 'B') || setweight(to_tsvector('simple', body), 'C') \
                 FROM UNNEST($1::int8[], $2::float8[], $3::float8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::text[], $10::text[], $11::text[]) \
                 AS u(id, lat, lon, wage_max, schedule, physical, accessible, valid_until, skills, title, body)",
            )
            .bind(column(|r| r.id))
            .bind(chunk.iter().map(|r| r.lat).collect::<Vec<f64>>())
            .bind(chunk.iter().map(|r| r.lon).collect::<Vec<f64>>())
            .bind(column(|r| r.wage_max))
            .bind(column(|r| r.schedule))
            .bind(column(|r| r.physical))
            .bind(column(|r| r.accessible))
            .bind(column(|r| r.valid_until))
            .bind(text(|r| r.skills.as_str()))
            .bind(text(|r| r.title.as_str()))
            .bind(text(|r| r.body.as_str()))
            .execute(&pool)
            .await?;
        }
        sqlx::query("CREATE INDEX bench_sites_doc ON bench_sites USING gin (doc)").execute(&pool).await?;
        sqlx::query("CREATE INDEX bench_sites_box ON bench_sites (lat, lon)").execute(&pool).await?;
        sqlx::query("VACUUM ANALYZE bench_sites").execute(&pool).await?;
        let matching = format!(
            "WITH hits AS (SELECT s.id, ts_rank('{{0, 0.3333, 0.6667, 1}}', s.doc, q) AS r, {KM2} AS km2 \
             FROM bench_sites s, to_tsquery('simple', $15) q WHERE s.doc @@ q AND {FILTERS}), \
             near AS (SELECT id, r, km2 FROM hits WHERE km2 <= $13) \
             SELECT id FROM near ORDER BY 0.6 * r / max(r) OVER () + 0.4 * exp(-least(km2 / $14, 700)) DESC, id LIMIT {TOP}"
        );
        let nearest = format!("SELECT s.id FROM bench_sites s WHERE {FILTERS} AND {KM2} <= $13 AND $14::float8 = $14 ORDER BY {KM2}, s.id LIMIT {TOP}");
        Ok(Self { pool, matching, nearest })
    }

    /// How PostgreSQL runs the match, for the bench's notes.
    pub async fn plan(&self, ask: &Ask) -> anyhow::Result<String> {
        let rows = bind(sqlx::query(&format!("EXPLAIN {}", self.matching)), ask, Some(tsquery(ask))).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.get::<String, _>(0).trim().to_string()).collect::<Vec<_>>().join("; "))
    }

    /// The top ids for a request, best first.
    pub async fn top(&self, ask: &Ask) -> anyhow::Result<Vec<i64>> {
        let mut ids = Vec::with_capacity(TOP);
        if ask.has_terms() {
            let rows = bind(sqlx::query(&self.matching), ask, Some(tsquery(ask))).fetch_all(&self.pool).await?;
            ids.extend(rows.iter().map(|r| r.get::<i64, _>(0)));
        }
        if ids.len() < TOP {
            let rows = bind(sqlx::query(&self.nearest), ask, None).fetch_all(&self.pool).await?;
            fill(&mut ids, rows.iter().map(|r| r.get::<i64, _>(0)).collect());
        }
        Ok(ids)
    }

    pub async fn drop_table(self) -> anyhow::Result<()> {
        sqlx::query("DROP TABLE IF EXISTS bench_sites").execute(&self.pool).await?;
        self.pool.close().await;
        Ok(())
    }
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>;

fn bind<'q>(q: Query<'q>, ask: &Ask, tsquery: Option<String>) -> Query<'q> {
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
    match tsquery {
        Some(t) => q.bind(t),
        None => q,
    }
}

/// `'sksewing':A | '衣服':BC | …` (tokens are letters and digits only).
fn tsquery(ask: &Ask) -> String {
    let skills = ask.skills.iter().map(|t| format!("'{t}':A"));
    let words = ask.words.iter().map(|t| format!("'{t}':BC"));
    skills.chain(words).collect::<Vec<_>>().join(" | ")
}
