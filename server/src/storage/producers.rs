//! Producers, the households they benefit and the accounts that act for
//! them. Every write appends a "producer" row to the change feed (its
//! products' search documents depend on its name and status) and an audit
//! row in the same transaction.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{ProducerKind, ProducerStatus};
use doorstep_shared::types::RegionCode;
use sqlx::AnyConnection;

use super::{append_audit, append_change, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::ProducerDraft;

/// A producer as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredProducer {
    pub id: i64,
    pub content: ProducerDraft,
    pub status: ProducerStatus,
    /// Products listed or sold out.
    pub listed_products: u32,
    pub verified_at: Option<i64>,
    pub created_at: i64,
}

/// A beneficiary with what staff see of them.
#[derive(Debug, Clone)]
pub struct StoredBeneficiary {
    pub person_id: i64,
    pub name: String,
    pub home_region: RegionCode,
    pub share: u32,
}

/// How a conditional status write ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProducerWrite {
    Done,
    /// The producer was no longer in a status the write starts from; it is in this one.
    Moved(ProducerStatus),
}

#[derive(sqlx::FromRow)]
struct ProducerRow {
    id: i64,
    name: String,
    kind: String,
    region_code: String,
    contact_phone: String,
    description: String,
    status: String,
    remainder_person_id: i64,
    listed_products: i64,
    verified_at: Option<i64>,
    created_at: i64,
}

impl ProducerRow {
    fn decode(self, beneficiaries: Vec<(i64, u32)>) -> anyhow::Result<StoredProducer> {
        let d = RowDecoder::new("producers", self.id);
        Ok(StoredProducer {
            id: self.id,
            content: ProducerDraft {
                name: self.name,
                kind: d.spelled("kind", &self.kind, ProducerKind::parse)?,
                region: d.region("region_code", &self.region_code)?,
                contact_phone: self.contact_phone,
                description: self.description,
                beneficiaries,
                remainder_person_id: self.remainder_person_id,
            },
            status: d.spelled("status", &self.status, ProducerStatus::parse)?,
            listed_products: d.number("listed_products", self.listed_products)?,
            verified_at: self.verified_at,
            created_at: self.created_at,
        })
    }
}

const SELECT: &str = "SELECT p.id, p.name, p.kind, p.region_code, p.contact_phone, p.description, p.status, p.remainder_person_id, \
     (SELECT COUNT(*) FROM products x WHERE x.producer_id = p.id AND x.status IN ('listed', 'sold_out')) AS listed_products, \
     p.verified_at, p.created_at FROM producers p";

/// Writes a pending producer; returns its id.
#[tracing::instrument(skip_all)]
pub async fn insert_producer(db: &Db, v: &ProducerDraft, actor: i64) -> anyhow::Result<i64> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO producers (name, kind, region_code, contact_phone, description, status, remainder_person_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(&v.name)
    .bind(v.kind.as_str())
    .bind(v.region.as_ref())
    .bind(&v.contact_phone)
    .bind(&v.description)
    .bind(ProducerStatus::Pending.as_str())
    .bind(v.remainder_person_id)
    .bind(actor)
    .bind(at)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .context("insert producer")?;
    insert_beneficiaries(&mut tx, id, v).await?;
    append_change(&mut tx, db.backend(), "producer", id).await?;
    append_audit(&mut tx, actor, "producer.create", "producer", id).await?;
    tx.commit().await.context("commit producer")?;
    Ok(id)
}

async fn insert_beneficiaries(conn: &mut AnyConnection, id: i64, v: &ProducerDraft) -> anyhow::Result<()> {
    for (person_id, share) in &v.beneficiaries {
        sqlx::query("INSERT INTO producer_beneficiaries (producer_id, person_id, share) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(*person_id)
            .bind(i64::from(*share))
            .execute(&mut *conn)
            .await
            .context("insert beneficiary")?;
    }
    Ok(())
}

/// Replaces a producer's content (not its status).
#[tracing::instrument(skip_all, fields(producer_id = id))]
pub async fn update_producer(db: &Db, id: i64, v: &ProducerDraft, actor: i64) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query(
        "UPDATE producers SET name = $1, kind = $2, region_code = $3, contact_phone = $4, description = $5, remainder_person_id = $6, updated_at = $7 \
         WHERE id = $8",
    )
    .bind(&v.name)
    .bind(v.kind.as_str())
    .bind(v.region.as_ref())
    .bind(&v.contact_phone)
    .bind(&v.description)
    .bind(v.remainder_person_id)
    .bind(now())
    .bind(id)
    .execute(&mut *tx)
    .await
    .context("update producer")?;
    sqlx::query("DELETE FROM producer_beneficiaries WHERE producer_id = $1").bind(id).execute(&mut *tx).await.context("clear beneficiaries")?;
    insert_beneficiaries(&mut tx, id, v).await?;
    append_change(&mut tx, db.backend(), "producer", id).await?;
    append_audit(&mut tx, actor, "producer.update", "producer", id).await?;
    tx.commit().await.context("commit producer update")?;
    Ok(())
}

/// Moves a producer from one of `from` to `to`; verifying records who and when.
#[tracing::instrument(skip_all, fields(producer_id = id, to))]
pub async fn set_producer_status(db: &Db, id: i64, from: &[ProducerStatus], to: ProducerStatus, actor: i64) -> anyhow::Result<ProducerWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let verified = to == ProducerStatus::Verified;
    let sql = format!(
        "UPDATE producers SET status = $1, updated_at = $2, verified_by = CASE WHEN $3 = 1 THEN $4 ELSE verified_by END, \
         verified_at = CASE WHEN $3 = 1 THEN $2 ELSE verified_at END WHERE id = $5 AND status IN ({})",
        Placeholders::after(5).list(from.len())
    );
    let mut q = sqlx::query(&sql).bind(to.as_str()).bind(at).bind(i64::from(verified)).bind(actor).bind(id);
    for f in from {
        q = q.bind(f.as_str());
    }
    if q.execute(&mut *tx).await.context("set producer status")?.rows_affected() == 0 {
        let (raw,): (String,) = sqlx::query_as("SELECT status FROM producers WHERE id = $1").bind(id).fetch_one(&mut *tx).await.context("producer status")?;
        return Ok(ProducerWrite::Moved(RowDecoder::new("producers", id).spelled("status", &raw, ProducerStatus::parse)?));
    }
    append_change(&mut tx, db.backend(), "producer", id).await?;
    append_audit(&mut tx, actor, &format!("producer.{}", to.as_str()), "producer", id).await?;
    tx.commit().await.context("commit producer status")?;
    Ok(ProducerWrite::Done)
}

pub async fn get_producer(db: &Db, id: i64) -> Result<StoredProducer, StorageError> {
    let mut found = producers_by_ids(db, &[id]).await?;
    found.pop().ok_or(StorageError::NotFound("producer"))
}

/// Producers by id, in id order, with their beneficiaries' shares.
pub async fn producers_by_ids(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredProducer>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let in_list = Placeholders::default().list(ids.len());
    let sql = format!("{SELECT} WHERE p.id IN ({in_list}) ORDER BY p.id");
    let shares_sql =
        format!("SELECT producer_id, person_id, share FROM producer_beneficiaries WHERE producer_id IN ({in_list}) ORDER BY producer_id, person_id");
    let (mut q, mut sq) = (sqlx::query_as::<_, ProducerRow>(&sql), sqlx::query_as::<_, (i64, i64, i64)>(&shares_sql));
    for id in ids {
        q = q.bind(*id);
        sq = sq.bind(*id);
    }
    let rows = q.fetch_all(db.pool()).await.context("producers by id")?;
    let mut shares: HashMap<i64, Vec<(i64, u32)>> = HashMap::new();
    for (producer, person, share) in sq.fetch_all(db.pool()).await.context("producer shares")? {
        shares.entry(producer).or_default().push((person, RowDecoder::new("producer_beneficiaries", producer).number("share", share)?));
    }
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            row.decode(shares.remove(&id).unwrap_or_default())
        })
        .collect()
}

/// The beneficiaries of one producer with their names and homes, by person id.
pub async fn producer_beneficiaries(db: &Db, producer_id: i64) -> anyhow::Result<Vec<StoredBeneficiary>> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT b.person_id, p.name, p.home_region, b.share FROM producer_beneficiaries b JOIN people p ON p.id = b.person_id \
         WHERE b.producer_id = $1 ORDER BY b.person_id",
    )
    .bind(producer_id)
    .fetch_all(db.pool())
    .await
    .context("producer beneficiaries")?;
    rows.into_iter()
        .map(|(person_id, name, home, share)| {
            let d = RowDecoder::new("producer_beneficiaries", person_id);
            Ok(StoredBeneficiary { person_id, name, home_region: d.region("home_region", &home)?, share: d.number("share", share)? })
        })
        .collect()
}

/// The home region of each of these people that exists.
pub async fn people_homes(db: &Db, ids: &[i64]) -> anyhow::Result<HashMap<i64, RegionCode>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!("SELECT id, home_region FROM people WHERE id IN ({})", Placeholders::default().list(ids.len()));
    let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(db.pool())
        .await
        .context("people homes")?
        .into_iter()
        .map(|(id, home)| Ok((id, RowDecoder::new("people", id).region("home_region", &home)?)))
        .collect()
}

/// Which producers to list; every value is bound, never spliced.
#[derive(Debug, Default)]
pub struct ProducerFilter {
    /// The producer's region code prefix (empty: everywhere).
    pub region_prefix: String,
    pub status: Option<ProducerStatus>,
    /// Words in the name.
    pub name: Option<String>,
}

/// Producers matching `f`, newest first, and how many match in all.
pub async fn list_producers(db: &Db, f: &ProducerFilter, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredProducer>, i64)> {
    let mut p = Placeholders::default();
    let mut conditions = vec![format!("p.region_code LIKE {}", p.one())];
    let mut texts = vec![format!("{}%", f.region_prefix)];
    if let Some(s) = f.status {
        conditions.push(format!("p.status = {}", p.one()));
        texts.push(s.as_str().to_string());
    }
    if let Some(name) = f.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        conditions.push(format!("p.name LIKE {}", p.one()));
        texts.push(format!("%{}%", name.replace(['%', '_'], "")));
    }
    let where_clause = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) FROM producers p WHERE {where_clause}");
    let sql = format!("SELECT p.id FROM producers p WHERE {where_clause} ORDER BY p.id DESC LIMIT {} OFFSET {}", p.one(), p.one());
    let (mut q, mut cq) = (sqlx::query_as::<_, (i64,)>(&sql), sqlx::query_as::<_, (i64,)>(&count_sql));
    for t in &texts {
        q = q.bind(t);
        cq = cq.bind(t);
    }
    let ids: Vec<(i64,)> = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list producers")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count producers")?;
    let ids: Vec<i64> = ids.into_iter().map(|(id,)| id).collect();
    let mut producers = producers_by_ids(db, &ids).await?;
    producers.sort_by_key(|c| std::cmp::Reverse(c.id));
    Ok((producers, total))
}

/// Links an account to a producer (an account acts for one producer; a new
/// link replaces an old one).
pub async fn link_producer_account(db: &Db, producer_id: i64, user_id: i64, actor: i64) -> anyhow::Result<()> {
    let mut tx = db.pool().begin().await.context("begin")?;
    sqlx::query(
        "INSERT INTO producer_accounts (user_id, producer_id, linked_by, linked_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET producer_id = excluded.producer_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at",
    )
    .bind(user_id)
    .bind(producer_id)
    .bind(actor)
    .bind(now())
    .execute(&mut *tx)
    .await
    .context("link producer account")?;
    append_audit(&mut tx, actor, "producer.link_account", "producer", producer_id).await?;
    tx.commit().await.context("commit producer account")?;
    Ok(())
}
