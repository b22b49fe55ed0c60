//! User accounts.

use anyhow::Context;
use doorstep_shared::api::Role;
use doorstep_shared::types::RegionCode;

use super::{is_unique_violation, Db, RowDecoder, StorageError};
use crate::clock::now;

/// A user account, decoded.
#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub display_name: String,
    pub region_code: Option<RegionCode>,
    pub employer_id: Option<i64>,
    /// The producer the account acts for, if linked.
    pub producer_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    id: i64,
    username: String,
    password_hash: String,
    role: String,
    display_name: String,
    region_code: Option<String>,
    employer_id: Option<i64>,
    producer_id: Option<i64>,
}

impl UserRow {
    pub(super) fn decode(self) -> anyhow::Result<UserRecord> {
        let d = RowDecoder::new("users", self.id);
        Ok(UserRecord {
            role: d.spelled("role", &self.role, Role::parse)?,
            region_code: self.region_code.map(|r| d.region("region_code", &r)).transpose()?,
            id: self.id,
            username: self.username,
            password_hash: self.password_hash,
            display_name: self.display_name,
            employer_id: self.employer_id,
            producer_id: self.producer_id,
        })
    }
}

pub struct NewUser<'a> {
    pub username: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub display_name: &'a str,
    pub region_code: Option<&'a str>,
    pub employer_id: Option<i64>,
    /// Seekers only: their record in the people registry.
    pub person_id: Option<i64>,
}

#[derive(thiserror::Error, Debug)]
pub enum InsertUserError {
    #[error("username already taken")]
    UsernameTaken,
    #[error("person already linked to another account")]
    PersonTaken,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

const USER_COLUMNS: &str = "id, username, password_hash, role, display_name, region_code, employer_id, \
     (SELECT pa.producer_id FROM producer_accounts pa WHERE pa.user_id = users.id) AS producer_id";

#[tracing::instrument(skip_all, fields(username = %user.username))]
pub async fn insert_user(db: &Db, user: &NewUser<'_>) -> Result<i64, InsertUserError> {
    let row: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO users (username, password_hash, role, display_name, region_code, employer_id, person_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(user.username)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.display_name)
    .bind(user.region_code)
    .bind(user.employer_id)
    .bind(user.person_id)
    .bind(now())
    .fetch_one(db.pool())
    .await;
    match row {
        Ok((id,)) => Ok(id),
        Err(e) if is_unique_violation(&e) && names_person_link(&e) => Err(InsertUserError::PersonTaken),
        Err(e) if is_unique_violation(&e) => Err(InsertUserError::UsernameTaken),
        Err(e) => Err(anyhow::Error::new(e).context("insert user").into()),
    }
}

/// Tells whether a unique violation is the person link's (SQLite names the
/// column in its message, PostgreSQL the index).
fn names_person_link(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.constraint().unwrap_or(d.message()).contains("person"))
}

/// The person a seeker account is linked to, if any.
pub async fn linked_person_id(db: &Db, user_id: i64) -> anyhow::Result<Option<i64>> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT person_id FROM users WHERE id = $1").bind(user_id).fetch_optional(db.pool()).await.context("linked person")?;
    Ok(row.and_then(|(p,)| p))
}

pub async fn find_user_by_username(db: &Db, username: &str) -> anyhow::Result<Option<UserRecord>> {
    sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1"))
        .bind(username)
        .fetch_optional(db.pool())
        .await
        .context("find user by username")?
        .map(UserRow::decode)
        .transpose()
}

pub async fn get_user(db: &Db, id: i64) -> Result<UserRecord, StorageError> {
    let row = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .context("get user")?
        .ok_or(StorageError::NotFound("user"))?;
    Ok(row.decode()?)
}

pub async fn count_users(db: &Db) -> anyhow::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(db.pool()).await.context("count users")?;
    Ok(n)
}

/// The first administrator account (the one the command line acts as), if any.
pub async fn first_admin(db: &Db) -> anyhow::Result<Option<i64>> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM users WHERE role = 'admin' ORDER BY id LIMIT 1").fetch_optional(db.pool()).await.context("first admin")?;
    Ok(row.map(|(id,)| id))
}
