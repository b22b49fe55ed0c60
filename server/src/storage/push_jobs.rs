//! Push jobs (`push_jobs`): one row per push, its lease, its durable cursor
//! and its counters, and the page write that moves them together.
//!
//! Concurrency contract:
//! - *One push per region at a time.* A job is inserted only when no running
//!   job's region contains the new one or lies inside it (a city push while a
//!   push of one of its counties runs is refused, and the other way round;
//!   sibling counties push side by side). SQLite runs the check and the insert
//!   as one statement; PostgreSQL first takes a `SHARE ROW EXCLUSIVE` lock on
//!   the table, which one such insert holds at a time.
//! - *One node per job.* A node claims a running job with a conditional
//!   `UPDATE` (lease ran out, not its own); the row lock decides a race, so
//!   no `SKIP LOCKED` is needed. Every page write first moves the cursor with
//!   `WHERE lease_owner = me AND last_person_id = the cursor I read`, so a
//!   node that lost its lease (or a second runner) writes nothing.
//! - *Nothing half-counted.* That cursor move, the page's inbox items, its
//!   SMS and the counters commit in one transaction.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{PushState, PushSummary, SmsKind};

use super::{Backend, Db, NewPushItem, Placeholders, RowDecoder, StorageError};
use crate::clock::now;

/// Rows per multi-row `INSERT`: 8 values each stays below both backends' bind limits (32,766 and 65,535).
const INSERT_ROWS: usize = 1_000;

/// A push job as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredPushJob {
    pub id: i64,
    /// Region code prefix ("" for everywhere).
    pub region_prefix: String,
    pub top_k: u32,
    pub state: PushState,
    pub started_by: Option<i64>,
    /// The last person id whose page is committed (0 before the first).
    pub last_person_id: i64,
    pub people_total: u64,
    pub people_done: u64,
    pub summary: PushSummary,
    pub started_at: i64,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, region_prefix, top_k, state, started_by, last_person_id, people_total, people_done, people, \
                       people_reached, items, sms_queued, already_pushed, skipped, started_at, finished_at";

#[derive(sqlx::FromRow)]
struct PushJobRow {
    id: i64,
    region_prefix: String,
    top_k: i64,
    state: String,
    started_by: Option<i64>,
    last_person_id: i64,
    people_total: i64,
    people_done: i64,
    people: i64,
    people_reached: i64,
    items: i64,
    sms_queued: i64,
    already_pushed: i64,
    skipped: i64,
    started_at: i64,
    finished_at: Option<i64>,
}

impl PushJobRow {
    fn decode(self) -> anyhow::Result<StoredPushJob> {
        let d = RowDecoder::new("push_jobs", self.id);
        Ok(StoredPushJob {
            id: self.id,
            region_prefix: self.region_prefix,
            top_k: d.number("top_k", self.top_k)?,
            state: d.spelled("state", &self.state, PushState::parse)?,
            started_by: self.started_by,
            last_person_id: self.last_person_id,
            people_total: d.number("people_total", self.people_total)?,
            people_done: d.number("people_done", self.people_done)?,
            summary: PushSummary {
                people: d.number("people", self.people)?,
                people_reached: d.number("people_reached", self.people_reached)?,
                items: d.number("items", self.items)?,
                sms_queued: d.number("sms_queued", self.sms_queued)?,
                already_pushed: d.number("already_pushed", self.already_pushed)?,
                skipped: d.number("skipped", self.skipped)?,
            },
            started_at: self.started_at,
            finished_at: self.finished_at,
        })
    }
}

/// A job to start, held by `lease_owner` until `lease_until`.
pub struct NewPushJob<'a> {
    pub region_prefix: &'a str,
    pub top_k: u32,
    pub started_by: Option<i64>,
    pub lease_owner: &'a str,
    pub lease_until: i64,
}

/// What starting a push did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartOutcome {
    Started(i64),
    /// A running job covers part of the same people: its id.
    Running(i64),
}

/// The running-job overlap test: `region_prefix` of a row against `$a` (the
/// new prefix) and `$b` (the new prefix followed by `%`).
fn overlaps(a: &str, b: &str) -> String {
    format!("state = 'running' AND (region_prefix LIKE {b} OR {a} LIKE region_prefix || '%')")
}

/// Starts a job unless one overlapping its region runs; counts the people it will walk.
#[tracing::instrument(skip_all, fields(region_prefix = job.region_prefix))]
pub async fn insert_push_job(db: &Db, job: &NewPushJob<'_>) -> anyhow::Result<StartOutcome> {
    let mut tx = db.pool().begin().await.context("begin")?;
    if db.backend() == Backend::Postgres {
        sqlx::query("LOCK TABLE push_jobs IN SHARE ROW EXCLUSIVE MODE").execute(&mut *tx).await.context("lock push jobs")?;
    }
    let sql = format!(
        "INSERT INTO push_jobs (region_prefix, top_k, state, started_by, lease_owner, lease_until, started_at, people_total) \
         SELECT $1, $2, 'running', $3, $4, $5, $6, (SELECT COUNT(*) FROM people WHERE home_region LIKE $7) \
         WHERE NOT EXISTS (SELECT 1 FROM push_jobs WHERE {}) RETURNING id",
        overlaps("$1", "$7")
    );
    let inserted: Option<(i64,)> = sqlx::query_as(&sql)
        .bind(job.region_prefix)
        .bind(i64::from(job.top_k))
        .bind(job.started_by)
        .bind(job.lease_owner)
        .bind(job.lease_until)
        .bind(now())
        .bind(format!("{}%", job.region_prefix))
        .fetch_optional(&mut *tx)
        .await
        .context("insert push job")?;
    let outcome = match inserted {
        Some((id,)) => StartOutcome::Started(id),
        None => {
            let sql = format!("SELECT id FROM push_jobs WHERE {} ORDER BY id LIMIT 1", overlaps("$1", "$2"));
            let (id,): (i64,) =
                sqlx::query_as(&sql).bind(job.region_prefix).bind(format!("{}%", job.region_prefix)).fetch_one(&mut *tx).await.context("running push job")?;
            StartOutcome::Running(id)
        }
    };
    tx.commit().await.context("commit push job")?;
    Ok(outcome)
}

pub async fn get_push_job(db: &Db, id: i64) -> Result<StoredPushJob, StorageError> {
    let row = sqlx::query_as::<_, PushJobRow>(&format!("SELECT {COLUMNS} FROM push_jobs WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get push job")?;
    match row {
        Some(row) => Ok(row.decode()?),
        None => Err(StorageError::NotFound("push job")),
    }
}

/// One page of the jobs whose region lies inside `region_prefix`, newest first, and how many there are.
pub async fn list_push_jobs(db: &Db, region_prefix: &str, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredPushJob>, i64)> {
    let pattern = format!("{region_prefix}%");
    let rows = sqlx::query_as::<_, PushJobRow>(&format!("SELECT {COLUMNS} FROM push_jobs WHERE region_prefix LIKE $1 ORDER BY id DESC LIMIT $2 OFFSET $3"))
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(db.pool())
        .await
        .context("list push jobs")?;
    let (total,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM push_jobs WHERE region_prefix LIKE $1").bind(&pattern).fetch_one(db.pool()).await.context("count push jobs")?;
    let mut jobs = Vec::with_capacity(rows.len());
    for row in rows {
        jobs.push(row.decode()?);
    }
    Ok((jobs, total))
}

/// Running jobs whose lease ended before `cutoff` and that `owner` does not hold, oldest first.
pub async fn stale_push_jobs(db: &Db, owner: &str, cutoff: i64) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM push_jobs WHERE state = 'running' AND lease_until < $1 \
         AND (lease_owner IS NULL OR lease_owner <> $2) ORDER BY id",
    )
    .bind(cutoff)
    .bind(owner)
    .fetch_all(db.pool())
    .await
    .context("stale push jobs")?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Takes over a running job whose lease ended before `cutoff`; false when another node was first.
pub async fn claim_push_job(db: &Db, id: i64, owner: &str, cutoff: i64, lease_until: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE push_jobs SET lease_owner = $1, lease_until = $2 WHERE id = $3 AND state = 'running' AND lease_until < $4 \
         AND (lease_owner IS NULL OR lease_owner <> $1)",
    )
    .bind(owner)
    .bind(lease_until)
    .bind(id)
    .bind(cutoff)
    .execute(db.pool())
    .await
    .context("claim push job")?;
    Ok(done.rows_affected() == 1)
}

/// Ends a job `owner` holds as finished or failed (with the cause, for the log
/// reader); the total becomes at least the people handled.
pub async fn end_push_job(db: &Db, id: i64, owner: &str, state: PushState, error: Option<&str>) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE push_jobs SET state = $1, error = $2, finished_at = $3, lease_owner = NULL, lease_until = 0, \
         people_total = CASE WHEN people_done > people_total THEN people_done ELSE people_total END \
         WHERE id = $4 AND state = 'running' AND lease_owner = $5",
    )
    .bind(state.as_str())
    .bind(error)
    .bind(now())
    .bind(id)
    .bind(owner)
    .execute(db.pool())
    .await
    .context("end push job")?;
    Ok(done.rows_affected() == 1)
}

/// One person's new inbox items and the SMS telling them.
pub struct PersonPushWrite {
    pub person_id: i64,
    pub phone: String,
    pub message: String,
    /// The gateway template's values (`sms::SmsParams`), JSON.
    pub sms_params: String,
    pub items: Vec<NewPushItem>,
}

/// One page of a job: where its cursor was and moves to, what the page
/// counted before writing, and each reached person's items.
pub struct PushPageWrite<'a> {
    pub job_id: i64,
    pub owner: &'a str,
    /// The cursor as read before the page.
    pub after: i64,
    /// The last person id of the page.
    pub last_person_id: i64,
    pub lease_until: i64,
    /// People on the page, seeking or not.
    pub people_done: u64,
    /// Seeking people on the page.
    pub people: u64,
    pub skipped: u64,
    pub already_pushed: u64,
    pub persons: Vec<PersonPushWrite>,
}

/// What a committed page wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PageWritten {
    pub items: u64,
    pub sms: u64,
}

/// Writes a page in one transaction: moves the cursor (only from where it was
/// read, only while `owner` holds the lease), inserts the items (a pair pushed
/// meanwhile is skipped), queues one SMS for each person who got something
/// new, and adds the counts. `None` when the lease or the cursor moved: nothing written.
#[tracing::instrument(skip_all, fields(job_id = page.job_id, last_person_id = page.last_person_id, persons = page.persons.len()))]
pub async fn commit_push_page(db: &Db, page: &PushPageWrite<'_>) -> anyhow::Result<Option<PageWritten>> {
    let mut tx = db.pool().begin().await.context("begin")?;
    if db.backend() == Backend::Postgres {
        // The page and the cursor commit together, so a page lost in a crash
        // is one the resumed job writes again: no need to wait for the disk.
        sqlx::query("SET LOCAL synchronous_commit = off").execute(&mut *tx).await.context("push page commit mode")?;
    }
    let moved = sqlx::query(
        "UPDATE push_jobs SET last_person_id = $1, lease_until = $2 \
         WHERE id = $3 AND state = 'running' AND lease_owner = $4 AND last_person_id = $5",
    )
    .bind(page.last_person_id)
    .bind(page.lease_until)
    .bind(page.job_id)
    .bind(page.owner)
    .bind(page.after)
    .execute(&mut *tx)
    .await
    .context("move push cursor")?;
    if moved.rows_affected() != 1 {
        tx.rollback().await.context("rollback push page")?;
        return Ok(None);
    }
    let at = now();
    let mut inserted: HashMap<i64, u64> = HashMap::new();
    let rows: Vec<(i64, &NewPushItem)> = page.persons.iter().flat_map(|p| p.items.iter().map(move |i| (p.person_id, i))).collect();
    for chunk in rows.chunks(INSERT_ROWS) {
        let added: Vec<(i64,)> = if db.backend() == Backend::Postgres {
            // One statement text whatever the page holds: the rows travel as
            // one JSON array, so PostgreSQL parses and plans it once, not per page.
            let json: Vec<serde_json::Value> =
                chunk.iter().map(|(person_id, item)| serde_json::json!([person_id, item.posting_id, item.score, item.reasons])).collect();
            sqlx::query_as(
                "INSERT INTO push_items (person_id, posting_id, score, reasons, created_at) \
                 SELECT (r->>0)::bigint, (r->>1)::bigint, (r->>2)::double precision, r->>3, $2 FROM json_array_elements($1::json) AS r \
                 ON CONFLICT (person_id, posting_id) DO NOTHING RETURNING person_id",
            )
            .bind(serde_json::Value::Array(json).to_string())
            .bind(at)
            .fetch_all(&mut *tx)
            .await
            .context("insert push items")?
        } else {
            let sql = format!(
                "INSERT INTO push_items (person_id, posting_id, score, reasons, created_at) VALUES {} \
                 ON CONFLICT (person_id, posting_id) DO NOTHING RETURNING person_id",
                Placeholders::default().rows(chunk.len(), 5)
            );
            let mut q = sqlx::query_as::<_, (i64,)>(&sql);
            for (person_id, item) in chunk {
                q = q.bind(*person_id).bind(item.posting_id).bind(item.score).bind(&item.reasons).bind(at);
            }
            q.fetch_all(&mut *tx).await.context("insert push items")?
        };
        for (person_id,) in added {
            *inserted.entry(person_id).or_default() += 1;
        }
    }
    let reached: Vec<&PersonPushWrite> = page.persons.iter().filter(|p| inserted.contains_key(&p.person_id)).collect();
    for chunk in reached.chunks(INSERT_ROWS) {
        let sql = format!(
            "INSERT INTO sms_outbox (person_id, phone, message, params, status, created_at, kind, push_job_id) VALUES {}",
            Placeholders::default().rows(chunk.len(), 8)
        );
        let mut q = sqlx::query(&sql);
        for p in chunk {
            q = q.bind(p.person_id).bind(&p.phone).bind(&p.message).bind(&p.sms_params).bind("queued").bind(at).bind(SmsKind::Push.as_str()).bind(page.job_id);
        }
        q.execute(&mut *tx).await.context("queue push sms")?;
    }
    let written = PageWritten { items: inserted.values().sum(), sms: reached.len() as u64 };
    sqlx::query(
        "UPDATE push_jobs SET people_done = people_done + $1, people = people + $2, people_reached = people_reached + $3, \
         items = items + $4, sms_queued = sms_queued + $5, already_pushed = already_pushed + $6, skipped = skipped + $7 \
         WHERE id = $8",
    )
    .bind(page.people_done as i64)
    .bind(page.people as i64)
    .bind(written.sms as i64)
    .bind(written.items as i64)
    .bind(written.sms as i64)
    .bind(page.already_pushed as i64)
    .bind(page.skipped as i64)
    .bind(page.job_id)
    .execute(&mut *tx)
    .await
    .context("count push page")?;
    tx.commit().await.context("commit push page")?;
    Ok(Some(written))
}
