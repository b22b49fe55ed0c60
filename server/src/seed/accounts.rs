//! Creating user accounts with their role's requirements checked.

use doorstep_shared::api::Role;

use crate::auth::{hash_password, MIN_PASSWORD_CHARS};
use crate::startup::AppState;
use crate::storage::{get_employer, get_person, insert_user, InsertUserError, NewUser, StorageError};

pub struct NewAccount {
    pub role: String,
    pub username: String,
    pub password: String,
    pub display_name: Option<String>,
    pub region: Option<String>,
    pub employer_id: Option<i64>,
    /// Seekers only: the registered person the account belongs to.
    pub person_id: Option<i64>,
}

/// Creates an account: staff need a region, employer users an existing
/// employer; a seeker may be linked to an existing person not linked yet.
pub async fn create_user(state: &AppState, a: NewAccount) -> anyhow::Result<i64> {
    let Some(role) = Role::parse(&a.role) else {
        anyhow::bail!("unknown role {:?}, expected seeker, employer, staff or admin", a.role);
    };
    let username = a.username.trim();
    if username.is_empty() || username.chars().count() > crate::auth::MAX_USERNAME_CHARS {
        anyhow::bail!("username must have 1 to {} characters", crate::auth::MAX_USERNAME_CHARS);
    }
    if a.password.chars().count() < MIN_PASSWORD_CHARS {
        anyhow::bail!("password must have at least {MIN_PASSWORD_CHARS} characters");
    }
    let region = match (role, &a.region) {
        (Role::Staff, None) => anyhow::bail!("staff need --region (a city, county or town code)"),
        (Role::Staff, Some(raw)) => Some(state.regions.read(|t| t.resolve(raw)).map_err(anyhow::Error::msg)?),
        (_, Some(_)) => anyhow::bail!("only staff take --region"),
        (_, None) => None,
    };
    match (role, a.employer_id) {
        (Role::Employer, None) => anyhow::bail!("employer users need --employer ID"),
        (Role::Employer, Some(id)) => match get_employer(&state.db, id).await {
            Ok(_) => {}
            Err(StorageError::NotFound(_)) => anyhow::bail!("employer {id} does not exist"),
            Err(StorageError::Unexpected(e)) => return Err(e),
        },
        (_, Some(_)) => anyhow::bail!("only employer users take --employer"),
        (_, None) => {}
    }
    match (role, a.person_id) {
        (Role::Seeker, Some(id)) => match get_person(&state.db, id).await {
            Ok(_) => {}
            Err(StorageError::NotFound(_)) => anyhow::bail!("person {id} does not exist"),
            Err(StorageError::Unexpected(e)) => return Err(e),
        },
        (_, Some(_)) => anyhow::bail!("only seekers take --person"),
        (_, None) => {}
    }
    let hash = hash_password(a.password).await?;
    let display_name = a.display_name.unwrap_or_else(|| username.to_string());
    let new = NewUser {
        username,
        password_hash: &hash,
        role,
        display_name: &display_name,
        region_code: region.as_ref().map(|r| r.as_ref()),
        employer_id: a.employer_id,
        person_id: a.person_id,
    };
    match insert_user(&state.db, &new).await {
        Ok(id) => Ok(id),
        Err(InsertUserError::UsernameTaken) => anyhow::bail!("username {username:?} is already taken"),
        Err(InsertUserError::PersonTaken) => anyhow::bail!("person {} is already linked to another account", a.person_id.unwrap_or_default()),
        Err(InsertUserError::Unexpected(e)) => Err(e),
    }
}
