//! The people registry. Person, categories and skills are written together in
//! one transaction with the audit entry; the ID-card number arrives encrypted.

use std::collections::HashMap;

use anyhow::Context;
use doorstep_shared::api::{AssistanceCategory, Gender, Preferences, Schedule};
use doorstep_shared::types::{Phone, RegionCode, SkillCode};
use sqlx::{AnyConnection, Row};

use super::{append_audit, is_unique_violation, Db, Placeholders, RowDecoder, StorageError};
use crate::clock::now;
use crate::crypto::IdVault;
use crate::domain::{PersonDraft, Point};

/// A person as the database holds them, decoded.
#[derive(Debug, Clone)]
pub struct StoredPerson {
    pub id: i64,
    pub name: String,
    pub id_cipher: Vec<u8>,
    pub id_masked: String,
    pub phone: String,
    pub gender: Gender,
    pub birth_year: u16,
    pub home_region: RegionCode,
    /// The person's own home point ("use my location"); `None`: the region's.
    pub home_point: Option<Point>,
    pub disability_grade: Option<u8>,
    pub preferences: Preferences,
    pub consent_to_share: bool,
    /// Opted out of push SMS.
    pub sms_opt_out: bool,
    /// Verified by staff.
    pub categories: Vec<AssistanceCategory>,
    /// Claimed by the person, not verified yet.
    pub claimed_categories: Vec<AssistanceCategory>,
    pub skills: Vec<SkillCode>,
    /// The skills a certificate proves, with its number, by skill code.
    pub certified: Vec<(SkillCode, String)>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl StoredPerson {
    /// The skill codes a certificate proves, sorted.
    pub fn certified_skills(&self) -> Vec<SkillCode> {
        self.certified.iter().map(|(s, _)| s.clone()).collect()
    }

    /// The domain form of the stored person, its ID-card number unsealed by `vault` (for an update).
    pub fn unseal(&self, vault: &IdVault) -> anyhow::Result<PersonDraft> {
        Ok(PersonDraft {
            name: self.name.clone(),
            id_number: vault.decrypt(&self.id_cipher)?,
            phone: Phone::parse(&self.phone).map_err(|_| RowDecoder::new("people", self.id).corrupt("phone", &self.phone))?,
            gender: self.gender,
            birth_year: self.birth_year,
            home_region: self.home_region.clone(),
            home_point: self.home_point,
            categories: self.categories.clone(),
            claimed_categories: self.claimed_categories.clone(),
            disability_grade: self.disability_grade,
            skills: self.skills.clone(),
            preferences: self.preferences.clone(),
            consent_to_share: self.consent_to_share,
        })
    }
}

/// The columns as sqlx reads them; decoded once, in [`PersonRow::decode`].
#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    id_cipher: Vec<u8>,
    id_masked: String,
    phone: String,
    gender: String,
    birth_year: i64,
    home_region: String,
    home_lat: Option<f64>,
    home_lon: Option<f64>,
    disability_grade: Option<i64>,
    max_commute_km: i64,
    willing_to_relocate: i64,
    schedules: String,
    min_wage: Option<i64>,
    needs_accessible: i64,
    consent_to_share: i64,
    sms_opt_out: i64,
    created_at: i64,
    updated_at: i64,
}

impl PersonRow {
    fn decode(self, lists: PersonLists) -> anyhow::Result<StoredPerson> {
        let d = RowDecoder::new("people", self.id);
        Ok(StoredPerson {
            id: self.id,
            name: self.name,
            id_cipher: self.id_cipher,
            id_masked: self.id_masked,
            phone: self.phone,
            gender: d.spelled("gender", &self.gender, Gender::parse)?,
            birth_year: d.number("birth_year", self.birth_year)?,
            home_region: d.region("home_region", &self.home_region)?,
            home_point: match (self.home_lat, self.home_lon) {
                (Some(lat), Some(lon)) => Some(Point { lat, lon }),
                (None, None) => None,
                (Some(lat), None) => return Err(d.corrupt("home_lon", format!("missing beside home_lat {lat}"))),
                (None, Some(lon)) => return Err(d.corrupt("home_lat", format!("missing beside home_lon {lon}"))),
            },
            disability_grade: self.disability_grade.map(|g| d.number("disability_grade", g)).transpose()?,
            preferences: Preferences {
                max_commute_km: d.number("max_commute_km", self.max_commute_km)?,
                willing_to_relocate: d.flag("willing_to_relocate", self.willing_to_relocate)?,
                schedules: d.spelled_list("schedules", &self.schedules, Schedule::parse)?,
                min_wage: self.min_wage.map(|w| d.number("min_wage", w)).transpose()?,
                needs_accessible: d.flag("needs_accessible", self.needs_accessible)?,
            },
            consent_to_share: d.flag("consent_to_share", self.consent_to_share)?,
            sms_opt_out: d.flag("sms_opt_out", self.sms_opt_out)?,
            categories: lists.verified,
            claimed_categories: lists.claimed,
            skills: lists.skills,
            certified: lists.certified,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A person's rows in the list tables.
#[derive(Default)]
struct PersonLists {
    verified: Vec<AssistanceCategory>,
    claimed: Vec<AssistanceCategory>,
    skills: Vec<SkillCode>,
    certified: Vec<(SkillCode, String)>,
}

/// Column values of a person: the ID-card number sealed (encrypted, blind-indexed, masked).
pub struct PersonValues {
    pub name: String,
    pub id_cipher: Vec<u8>,
    pub id_blind: String,
    pub id_masked: String,
    pub phone: String,
    pub gender: Gender,
    pub birth_year: u16,
    pub home_region: RegionCode,
    pub home_point: Option<Point>,
    pub disability_grade: Option<u8>,
    pub preferences: Preferences,
    pub consent_to_share: bool,
    pub categories: Vec<AssistanceCategory>,
    pub claimed_categories: Vec<AssistanceCategory>,
    pub skills: Vec<SkillCode>,
}

impl PersonValues {
    /// The values of a checked person, its ID-card number sealed by `vault`.
    pub fn seal(draft: &PersonDraft, vault: &IdVault) -> anyhow::Result<Self> {
        Ok(Self {
            name: draft.name.clone(),
            id_cipher: vault.encrypt(&draft.id_number)?,
            id_blind: vault.blind_index(&draft.id_number),
            id_masked: draft.id_number.masked(),
            phone: draft.phone.as_ref().to_string(),
            gender: draft.gender,
            birth_year: draft.birth_year,
            home_region: draft.home_region.clone(),
            home_point: draft.home_point,
            disability_grade: draft.disability_grade,
            preferences: draft.preferences.clone(),
            consent_to_share: draft.consent_to_share,
            categories: draft.categories.clone(),
            claimed_categories: draft.claimed_categories.clone(),
            skills: draft.skills.clone(),
        })
    }

    fn schedules(&self) -> String {
        let names: Vec<&str> = self.preferences.schedules.iter().map(|s| s.as_str()).collect();
        names.join(",")
    }
}

#[derive(thiserror::Error, Debug)]
pub enum WritePersonError {
    /// Another record has the same ID-card number; here is its home region.
    #[error("duplicate id-card number")]
    Duplicate { existing_region: String },
    #[error("person changed concurrently")]
    Stale,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<anyhow::Error> for WritePersonError {
    fn from(e: anyhow::Error) -> Self {
        Self::Storage(StorageError::Unexpected(e))
    }
}

const COLUMNS: &str = "id, name, id_cipher, id_masked, phone, gender, birth_year, home_region, home_lat, home_lon, disability_grade, \
     max_commute_km, willing_to_relocate, schedules, min_wage, needs_accessible, consent_to_share, sms_opt_out, created_at, updated_at";

/// Inserts a person; `actor` is recorded as creator and in the audit log.
pub async fn insert_person(db: &Db, v: &PersonValues, actor: i64) -> Result<i64, WritePersonError> {
    insert_linked(db, v, actor, None).await
}

/// Inserts the person a seeker describes and links it to their account, in
/// one transaction; an account already linked is refused as stale.
pub async fn insert_own_person(db: &Db, v: &PersonValues, user_id: i64) -> Result<i64, WritePersonError> {
    insert_linked(db, v, user_id, Some(user_id)).await
}

#[tracing::instrument(skip_all, fields(person_id = tracing::field::Empty))]
async fn insert_linked(db: &Db, v: &PersonValues, actor: i64, owner: Option<i64>) -> Result<i64, WritePersonError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let id = match insert_person_row(&mut tx, v, actor).await {
        Ok(id) => id,
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            return Err(duplicate_of(db, &v.id_blind).await);
        }
        Err(e) => return Err(anyhow::Error::new(e).context("insert person").into()),
    };
    tracing::Span::current().record("person_id", id);
    set_home_point(&mut tx, id, v).await?;
    insert_lists(&mut tx, id, v).await?;
    if let Some(user_id) = owner {
        let linked = sqlx::query("UPDATE users SET person_id = $1 WHERE id = $2 AND person_id IS NULL")
            .bind(id)
            .bind(user_id)
            .execute(&mut *tx)
            .await
            .context("link person to account")?;
        if linked.rows_affected() == 0 {
            return Err(WritePersonError::Stale);
        }
    }
    append_audit(&mut tx, actor, "person.create", "person", id).await?;
    tx.commit().await.context("commit person")?;
    Ok(id)
}

/// Inserts the person's own row (not its lists) on the caller's
/// transaction; a known ID-card number fails as a unique violation.
pub(super) async fn insert_person_row(conn: &mut AnyConnection, v: &PersonValues, actor: i64) -> Result<i64, sqlx::Error> {
    let at = now();
    let insert = sqlx::query(
        "INSERT INTO people (name, id_cipher, id_blind, id_masked, phone, gender, birth_year, home_region, \
         disability_grade, max_commute_km, willing_to_relocate, schedules, min_wage, needs_accessible, \
         consent_to_share, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id",
    );
    bind_columns(insert, v).bind(actor).bind(at).bind(at).fetch_one(&mut *conn).await.and_then(|row| row.try_get::<i64, _>(0))
}

/// Replaces a person's fields if nobody changed them since `seen_updated_at`.
#[tracing::instrument(skip_all, fields(person_id = id))]
pub async fn update_person(db: &Db, id: i64, v: &PersonValues, seen_updated_at: i64, actor: i64) -> Result<(), WritePersonError> {
    let mut tx = db.pool().begin().await.context("begin")?;
    // Never let updated_at stand still, or a second stale writer would pass the check.
    let at = now().max(seen_updated_at + 1);
    // A new home is a move: past results stay counted where they happened (`storage::employment_figures`).
    sqlx::query(
        "INSERT INTO person_moves (person_id, from_region, to_region, moved_at, moved_by) \
         SELECT id, home_region, $2, $3, $4 FROM people WHERE id = $1 AND updated_at = $5 AND home_region <> $2",
    )
    .bind(id)
    .bind(v.home_region.as_ref())
    .bind(at)
    .bind(actor)
    .bind(seen_updated_at)
    .execute(&mut *tx)
    .await
    .context("record move")?;
    let update = sqlx::query(
        "UPDATE people SET name = $1, id_cipher = $2, id_blind = $3, id_masked = $4, phone = $5, gender = $6, \
         birth_year = $7, home_region = $8, disability_grade = $9, max_commute_km = $10, willing_to_relocate = $11, \
         schedules = $12, min_wage = $13, needs_accessible = $14, consent_to_share = $15, updated_at = $16 \
         WHERE id = $17 AND updated_at = $18",
    );
    let updated = bind_columns(update, v).bind(at).bind(id).bind(seen_updated_at).execute(&mut *tx).await;
    match updated {
        Ok(r) if r.rows_affected() == 0 => return Err(WritePersonError::Stale),
        Ok(_) => {}
        Err(e) if is_unique_violation(&e) => {
            drop(tx);
            return Err(duplicate_of(db, &v.id_blind).await);
        }
        Err(e) => return Err(anyhow::Error::new(e).context("update person").into()),
    }
    // A certified skill stays: a certificate is not taken back by an edit.
    for sql in ["DELETE FROM person_categories WHERE person_id = $1", "DELETE FROM person_skills WHERE person_id = $1 AND certificate_id IS NULL"] {
        sqlx::query(sql).bind(id).execute(&mut *tx).await.context("clear person lists")?;
    }
    set_home_point(&mut tx, id, v).await?;
    insert_lists(&mut tx, id, v).await?;
    append_audit(&mut tx, actor, "person.update", "person", id).await?;
    tx.commit().await.context("commit person update")?;
    Ok(())
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds the fifteen person columns, `$1` to `$15` in both the insert and the update.
fn bind_columns<'q>(q: AnyQuery<'q>, v: &'q PersonValues) -> AnyQuery<'q> {
    q.bind(&v.name)
        .bind(&v.id_cipher)
        .bind(&v.id_blind)
        .bind(&v.id_masked)
        .bind(&v.phone)
        .bind(v.gender.as_str())
        .bind(i64::from(v.birth_year))
        .bind(v.home_region.as_ref())
        .bind(v.disability_grade.map(i64::from))
        .bind(i64::from(v.preferences.max_commute_km))
        .bind(i64::from(v.preferences.willing_to_relocate))
        .bind(v.schedules())
        .bind(v.preferences.min_wage.map(i64::from))
        .bind(i64::from(v.preferences.needs_accessible))
        .bind(i64::from(v.consent_to_share))
}

/// The person's own home point, or none (the region's point then).
pub(super) async fn set_home_point(conn: &mut AnyConnection, id: i64, v: &PersonValues) -> anyhow::Result<()> {
    // Two statements: PostgreSQL types a prepared statement's parameters on
    // first use, and a NULL bound through the Any driver is not a float.
    let query = match v.home_point {
        Some(p) => sqlx::query("UPDATE people SET home_lat = $1, home_lon = $2 WHERE id = $3").bind(p.lat).bind(p.lon).bind(id),
        None => sqlx::query("UPDATE people SET home_lat = NULL, home_lon = NULL WHERE id = $1").bind(id),
    };
    query.execute(&mut *conn).await.context("set home point")?;
    Ok(())
}

pub(super) async fn insert_lists(conn: &mut AnyConnection, id: i64, v: &PersonValues) -> anyhow::Result<()> {
    let verified = v.categories.iter().map(|c| (c, 1_i64));
    for (category, flag) in verified.chain(v.claimed_categories.iter().map(|c| (c, 0))) {
        sqlx::query("INSERT INTO person_categories (person_id, category, verified) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(category.as_str())
            .bind(flag)
            .execute(&mut *conn)
            .await
            .context("insert person category")?;
    }
    for skill in &v.skills {
        sqlx::query("INSERT INTO person_skills (person_id, skill_code) VALUES ($1, $2) ON CONFLICT (person_id, skill_code) DO NOTHING")
            .bind(id)
            .bind(skill.as_ref())
            .execute(&mut *conn)
            .await
            .context("insert person skill")?;
    }
    Ok(())
}

async fn duplicate_of(db: &Db, id_blind: &str) -> WritePersonError {
    let found: Result<Option<(String,)>, sqlx::Error> =
        sqlx::query_as("SELECT home_region FROM people WHERE id_blind = $1").bind(id_blind).fetch_optional(db.pool()).await;
    match found {
        Ok(Some((existing_region,))) => WritePersonError::Duplicate { existing_region },
        Ok(None) => anyhow::anyhow!("unique violation on people without a duplicate row").into(),
        Err(e) => anyhow::Error::new(e).context("find duplicate person").into(),
    }
}

pub async fn get_person(db: &Db, id: i64) -> Result<StoredPerson, StorageError> {
    let row = sqlx::query_as::<_, PersonRow>(&format!("SELECT {COLUMNS} FROM people WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get person")?
        .ok_or(StorageError::NotFound("person"))?;
    let mut people = attach_lists(db, vec![row]).await?;
    people.pop().ok_or(StorageError::NotFound("person"))
}

/// Records that `actor` read a person's full ID-card number.
pub async fn audit_reveal(db: &Db, person_id: i64, actor: i64) -> anyhow::Result<()> {
    let mut conn = db.pool().acquire().await.context("acquire")?;
    append_audit(&mut conn, actor, "person.reveal_id", "person", person_id).await
}

/// Filters for listing people; every value is bound, never spliced.
#[derive(Debug, Default)]
pub struct PeopleFilter {
    /// Region code prefix: the caller's jurisdiction narrowed by any requested region.
    pub region_prefix: String,
    pub category: Option<AssistanceCategory>,
    pub skill: Option<SkillCode>,
    /// Part of the name, or a whole phone number.
    pub text: Option<String>,
}

pub async fn list_people(db: &Db, f: &PeopleFilter, limit: i64, offset: i64) -> anyhow::Result<(Vec<StoredPerson>, i64)> {
    let mut p = Placeholders::default();
    let mut conditions = vec![format!("home_region LIKE {}", p.one())];
    let mut binds: Vec<String> = vec![format!("{}%", f.region_prefix)];
    if let Some(c) = f.category {
        conditions.push(format!("EXISTS (SELECT 1 FROM person_categories c WHERE c.person_id = people.id AND c.verified = 1 AND c.category = {})", p.one()));
        binds.push(c.as_str().to_string());
    }
    if let Some(s) = &f.skill {
        conditions.push(format!("EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = people.id AND s.skill_code = {})", p.one()));
        binds.push(s.to_string());
    }
    if let Some(t) = &f.text {
        conditions.push(format!("(name LIKE {} ESCAPE '\\' OR phone = {})", p.one(), p.one()));
        binds.push(format!("%{}%", escape_like(t)));
        binds.push(t.clone());
    }
    let where_clause = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) FROM people WHERE {where_clause}");
    let sql = format!("SELECT {COLUMNS} FROM people WHERE {where_clause} ORDER BY id LIMIT {} OFFSET {}", p.one(), p.one());
    let mut q = sqlx::query_as::<_, PersonRow>(&sql);
    let mut cq = sqlx::query_as::<_, (i64,)>(&count_sql);
    for b in &binds {
        q = q.bind(b);
        cq = cq.bind(b);
    }
    let rows = q.bind(limit).bind(offset).fetch_all(db.pool()).await.context("list people")?;
    let (total,) = cq.fetch_one(db.pool()).await.context("count people")?;
    Ok((attach_lists(db, rows).await?, total))
}

/// Makes `%` and `_` in user text match themselves.
pub(super) fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Loads categories and skills for a page of people in two queries, and decodes them.
async fn attach_lists(db: &Db, rows: Vec<PersonRow>) -> anyhow::Result<Vec<StoredPerson>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let in_list = Placeholders::default().list(rows.len());
    let categories_sql = format!("SELECT person_id, category, verified FROM person_categories WHERE person_id IN ({in_list}) ORDER BY category");
    let skills_sql = format!(
        "SELECT s.person_id, s.skill_code, c.number FROM person_skills s LEFT JOIN certificates c ON c.id = s.certificate_id \
         WHERE s.person_id IN ({in_list}) ORDER BY s.skill_code"
    );
    let mut categories = sqlx::query_as::<_, (i64, String, i64)>(&categories_sql);
    let mut skills = sqlx::query_as::<_, (i64, String, Option<String>)>(&skills_sql);
    for r in &rows {
        categories = categories.bind(r.id);
        skills = skills.bind(r.id);
    }
    let categories = categories.fetch_all(db.pool()).await.context("load person categories")?;
    let skills = skills.fetch_all(db.pool()).await.context("load person skills")?;
    let mut by_person: HashMap<i64, PersonLists> = HashMap::new();
    for (id, category, verified) in categories {
        let d = RowDecoder::new("person_categories", id);
        let category = d.spelled("category", &category, AssistanceCategory::parse)?;
        let lists = by_person.entry(id).or_default();
        match d.flag("verified", verified)? {
            true => lists.verified.push(category),
            false => lists.claimed.push(category),
        }
    }
    for (id, skill, number) in skills {
        let skill = RowDecoder::new("person_skills", id).skill("skill_code", &skill)?;
        let lists = by_person.entry(id).or_default();
        if let Some(number) = number {
            lists.certified.push((skill.clone(), number));
        }
        lists.skills.push(skill);
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let lists = by_person.remove(&row.id).unwrap_or_default();
        out.push(row.decode(lists)?);
    }
    Ok(out)
}

/// People who might fit a posting: inside `region_prefix`, having one of
/// `skills` (any skill when empty), consenting when asked; at most `limit`.
pub async fn candidate_people(db: &Db, region_prefix: &str, skills: &[SkillCode], consent_only: bool, limit: i64) -> anyhow::Result<Vec<StoredPerson>> {
    let mut p = Placeholders::default();
    let mut sql = format!("SELECT {COLUMNS} FROM people WHERE home_region LIKE {}", p.one());
    if consent_only {
        sql.push_str(" AND consent_to_share = 1");
    }
    if !skills.is_empty() {
        sql.push_str(&format!(" AND EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = people.id AND s.skill_code IN ({}))", p.list(skills.len())));
    }
    sql.push_str(&format!(" ORDER BY id LIMIT {}", p.one()));
    let mut q = sqlx::query_as::<_, PersonRow>(&sql).bind(format!("{region_prefix}%"));
    for s in skills {
        q = q.bind(s.as_ref());
    }
    let rows = q.bind(limit).fetch_all(db.pool()).await.context("candidate people")?;
    attach_lists(db, rows).await
}

/// The push's page: people at home inside `region_prefix` with an id above
/// `after_id`, in id order (a cursor that survives restarts, unlike an offset).
pub async fn people_after(db: &Db, region_prefix: &str, after_id: i64, limit: i64) -> anyhow::Result<Vec<StoredPerson>> {
    let rows = sqlx::query_as::<_, PersonRow>(&format!("SELECT {COLUMNS} FROM people WHERE home_region LIKE $1 AND id > $2 ORDER BY id LIMIT $3"))
        .bind(format!("{region_prefix}%"))
        .bind(after_id)
        .bind(limit)
        .fetch_all(db.pool())
        .await
        .context("people after")?;
    attach_lists(db, rows).await
}
