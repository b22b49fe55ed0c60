//! Completion and certificates. A completion is one transaction: the
//! enrolment's conditional move out of `enrolled` (a second completion loses
//! cleanly), and on completion the certificate (its number the next of its
//! region and year; the UNIQUE constraint is the guard, a lost race tries
//! the next number), its skills, the person's skills marked certified, the
//! person's notice and the audit entry. People are in no change feed.

use anyhow::Context;
use doorstep_shared::types::{Day, RegionCode, SkillCode};
use sqlx::AnyConnection;

use super::{append_audit, Db, RowDecoder, StorageError};
use crate::clock::now;
use crate::domain::{certificate_number, certificate_prefix, sequence_of, verify_code, Completion};

/// The enrolment facts a completion needs.
#[derive(Debug, Clone)]
pub struct EnrolmentFacts {
    pub id: i64,
    pub session_id: i64,
    pub person_id: i64,
    pub status: doorstep_shared::api::EnrolmentStatus,
}

/// An enrolment's session, person and status.
pub async fn get_enrolment_facts(db: &Db, id: i64) -> Result<EnrolmentFacts, StorageError> {
    let (session_id, person_id, status): (i64, i64, String) = sqlx::query_as("SELECT session_id, person_id, status FROM enrolments WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get enrolment")?
        .ok_or(StorageError::NotFound("enrolment"))?;
    let status = RowDecoder::new("enrolments", id).spelled("status", &status, doorstep_shared::api::EnrolmentStatus::parse)?;
    Ok(EnrolmentFacts { id, session_id, person_id, status })
}

/// A completion to record.
pub struct NewCompletion<'a> {
    pub enrolment: &'a EnrolmentFacts,
    pub course_id: i64,
    /// The course's region, which issues the certificate.
    pub issuing_region: &'a RegionCode,
    pub completion: &'a Completion,
    pub today: Day,
    pub actor: i64,
}

/// What recording a completion did.
#[derive(Debug, PartialEq, Eq)]
pub enum CompletionWrite {
    /// Recorded; the certificate's id when one was issued.
    Recorded { certificate_id: Option<i64> },
    /// The enrolment left `enrolled` meanwhile (someone recorded it first).
    Stale,
}

/// How many numbers a completion tries before giving up on a busy region.
const NUMBER_ATTEMPTS: usize = 20;

/// Records completion or non-completion, and on completion issues the certificate.
#[tracing::instrument(skip_all, fields(enrolment_id = c.enrolment.id))]
pub async fn record_completion(db: &Db, c: &NewCompletion<'_>) -> anyhow::Result<CompletionWrite> {
    let mut tx = db.pool().begin().await.context("begin")?;
    let at = now();
    let note = match c.completion {
        Completion::Completed => None,
        Completion::NotCompleted { reason } => Some(reason.as_str()),
    };
    // First statement, and a write: the conditional move serialises completions of one enrolment.
    let moved = sqlx::query("UPDATE enrolments SET status = $1, note = $2, updated_at = $3 WHERE id = $4 AND status = 'enrolled'")
        .bind(c.completion.status().as_str())
        .bind(note)
        .bind(at)
        .bind(c.enrolment.id)
        .execute(&mut *tx)
        .await
        .context("move enrolment")?;
    if moved.rows_affected() == 0 {
        tx.rollback().await.context("rollback completion")?;
        return Ok(CompletionWrite::Stale);
    }
    let certificate_id = match c.completion {
        Completion::Completed => Some(issue_certificate(&mut tx, c, at).await?),
        Completion::NotCompleted { .. } => {
            // `enrolled` counts places held by the enrolled and the completed.
            sqlx::query("UPDATE course_sessions SET enrolled = enrolled - 1, updated_at = $1 WHERE id = $2 AND enrolled > 0")
                .bind(at)
                .bind(c.enrolment.session_id)
                .execute(&mut *tx)
                .await
                .context("release the place")?;
            None
        }
    };
    let action = if certificate_id.is_some() { "enrolment.completed" } else { "enrolment.not_completed" };
    append_audit(&mut tx, c.actor, action, "enrolment", c.enrolment.id).await?;
    tx.commit().await.context("commit completion")?;
    Ok(CompletionWrite::Recorded { certificate_id })
}

async fn issue_certificate(tx: &mut AnyConnection, c: &NewCompletion<'_>, at: i64) -> anyhow::Result<i64> {
    let prefix = certificate_prefix(c.issuing_region, c.today.year());
    let code = verify_code(&mut rand::thread_rng());
    let mut id = None;
    for _ in 0..NUMBER_ATTEMPTS {
        let last: Option<(String,)> = sqlx::query_as("SELECT number FROM certificates WHERE number LIKE $1 ORDER BY number DESC LIMIT 1")
            .bind(format!("{prefix}%"))
            .fetch_optional(&mut *tx)
            .await
            .context("last certificate number")?;
        let next = last.and_then(|(n,)| sequence_of(&n, &prefix)).unwrap_or(0) + 1;
        // A number taken meanwhile inserts nothing (no error, so the transaction stays usable): try the next.
        id = sqlx::query_as::<_, (i64,)>(
            "INSERT INTO certificates (number, issuing_region, enrolment_id, person_id, course_id, session_id, issued_on, verify_code, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(certificate_number(&prefix, next))
        .bind(c.issuing_region.as_ref())
        .bind(c.enrolment.id)
        .bind(c.enrolment.person_id)
        .bind(c.course_id)
        .bind(c.enrolment.session_id)
        .bind(c.today.to_string())
        .bind(&code)
        .bind(c.actor)
        .bind(at)
        .fetch_optional(&mut *tx)
        .await
        .context("insert certificate")?
        .map(|(id,)| id);
        if id.is_some() {
            break;
        }
    }
    let id = id.context("no free certificate number after retries")?;
    sqlx::query("INSERT INTO certificate_skills (certificate_id, skill_code) SELECT $1, skill_code FROM course_skills WHERE course_id = $2")
        .bind(id)
        .bind(c.course_id)
        .execute(&mut *tx)
        .await
        .context("certificate skills")?;
    // A self-declared skill becomes certified; a new one joins the profile certified.
    sqlx::query(
        "INSERT INTO person_skills (person_id, skill_code, certificate_id) SELECT $1, skill_code, $2 FROM course_skills WHERE course_id = $3 \
         ON CONFLICT (person_id, skill_code) DO UPDATE SET certificate_id = excluded.certificate_id",
    )
    .bind(c.enrolment.person_id)
    .bind(id)
    .bind(c.course_id)
    .execute(&mut *tx)
    .await
    .context("certify person skills")?;
    sqlx::query("INSERT INTO training_notices (person_id, kind, session_id, certificate_id, created_at) VALUES ($1, 'certificate_issued', $2, $3, $4)")
        .bind(c.enrolment.person_id)
        .bind(c.enrolment.session_id)
        .bind(id)
        .bind(at)
        .execute(&mut *tx)
        .await
        .context("certificate notice")?;
    Ok(id)
}

/// A certificate as the database holds it, decoded.
#[derive(Debug, Clone)]
pub struct StoredCertificate {
    pub id: i64,
    pub number: String,
    pub verify_code: String,
    pub issuing_region: RegionCode,
    pub enrolment_id: i64,
    pub person_id: i64,
    pub person_name: String,
    /// The holder's home region: whose staff may read it.
    pub person_region: RegionCode,
    pub course_id: i64,
    pub course_title: String,
    pub session_id: i64,
    pub issued_on: Day,
    pub skills: Vec<SkillCode>,
}

#[derive(sqlx::FromRow)]
struct CertificateRow {
    id: i64,
    number: String,
    verify_code: String,
    issuing_region: String,
    enrolment_id: i64,
    person_id: i64,
    person_name: String,
    person_region: String,
    course_id: i64,
    course_title: String,
    session_id: i64,
    issued_on: String,
}

impl CertificateRow {
    fn decode(self, skills: Vec<SkillCode>) -> anyhow::Result<StoredCertificate> {
        let d = RowDecoder::new("certificates", self.id);
        Ok(StoredCertificate {
            issuing_region: d.region("issuing_region", &self.issuing_region)?,
            issued_on: d.day("issued_on", &self.issued_on)?,
            person_region: RowDecoder::new("people", self.person_id).region("home_region", &self.person_region)?,
            id: self.id,
            number: self.number,
            verify_code: self.verify_code,
            enrolment_id: self.enrolment_id,
            person_id: self.person_id,
            person_name: self.person_name,
            course_id: self.course_id,
            course_title: self.course_title,
            session_id: self.session_id,
            skills,
        })
    }
}

const SELECT: &str = "SELECT k.id, k.number, k.verify_code, k.issuing_region, k.enrolment_id, k.person_id, p.name AS person_name, \
     p.home_region AS person_region, k.course_id, c.title AS course_title, k.session_id, k.issued_on \
     FROM certificates k JOIN people p ON p.id = k.person_id JOIN courses c ON c.id = k.course_id";

async fn with_skills(db: &Db, rows: Vec<CertificateRow>) -> anyhow::Result<Vec<StoredCertificate>> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let skills: Vec<(String,)> = sqlx::query_as("SELECT skill_code FROM certificate_skills WHERE certificate_id = $1 ORDER BY skill_code")
            .bind(row.id)
            .fetch_all(db.pool())
            .await
            .context("certificate skills")?;
        let d = RowDecoder::new("certificate_skills", row.id);
        let skills = skills.iter().map(|(s,)| d.skill("skill_code", s)).collect::<anyhow::Result<Vec<_>>>()?;
        out.push(row.decode(skills)?);
    }
    Ok(out)
}

pub async fn get_certificate(db: &Db, id: i64) -> Result<StoredCertificate, StorageError> {
    let row = sqlx::query_as::<_, CertificateRow>(&format!("{SELECT} WHERE k.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get certificate")?
        .ok_or(StorageError::NotFound("certificate"))?;
    with_skills(db, vec![row]).await?.pop().ok_or(StorageError::NotFound("certificate"))
}

/// A person's certificates, newest first.
pub async fn certificates_of(db: &Db, person_id: i64) -> anyhow::Result<Vec<StoredCertificate>> {
    let rows = sqlx::query_as::<_, CertificateRow>(&format!("{SELECT} WHERE k.person_id = $1 ORDER BY k.id DESC"))
        .bind(person_id)
        .fetch_all(db.pool())
        .await
        .context("certificates of a person")?;
    with_skills(db, rows).await
}

/// The certificates with this number (one per issuing region at most); the caller checks the code.
pub async fn certificates_numbered(db: &Db, number: &str) -> anyhow::Result<Vec<StoredCertificate>> {
    let rows = sqlx::query_as::<_, CertificateRow>(&format!("{SELECT} WHERE k.number = $1 ORDER BY k.id"))
        .bind(number)
        .fetch_all(db.pool())
        .await
        .context("certificates by number")?;
    with_skills(db, rows).await
}
