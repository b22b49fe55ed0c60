//! Who sees an application, and in which capacity they may move it: users of
//! the posting's employer, staff whose jurisdiction holds the person or the
//! employer (each side's staff act for their side), the person's own seeker
//! account, and admin (as staff of both sides). Everyone else gets "not
//! found", so applications do not leak.

use doorstep_shared::api::Role;

use crate::auth::{governs, manages_employer, CurrentUser};
use crate::domain::Mover;
use crate::error::ApiError;
use crate::storage::{get_application, linked_person_id, Db, StoredApplication};

/// The person a seeker account is linked to; `None` for other roles.
pub async fn own_person(user: &CurrentUser, db: &Db) -> Result<Option<i64>, ApiError> {
    if user.role != Role::Seeker {
        return Ok(None);
    }
    Ok(linked_person_id(db, user.id).await?)
}

/// The capacity in which the caller acts on an application; `None` when they may not see it.
pub fn capacity(user: &CurrentUser, own_person: Option<i64>, a: &StoredApplication) -> Option<Mover> {
    match user.role {
        Role::Admin | Role::Staff => {
            let for_person = governs(user, &a.person_region);
            let for_posting = manages_employer(user, a.employer_id, &a.employer_region);
            (for_person || for_posting).then_some(Mover::Staff { for_person, for_posting })
        }
        Role::Employer => (user.employer_id == Some(a.employer_id)).then_some(Mover::Employer),
        Role::Seeker => (own_person == Some(a.person_id)).then_some(Mover::Seeker),
    }
}

/// Loads an application the caller may see, with their capacity.
pub async fn visible_application(user: &CurrentUser, db: &Db, id: i64) -> Result<(StoredApplication, Mover), ApiError> {
    let own = own_person(user, db).await?;
    let application = get_application(db, id).await?;
    match capacity(user, own, &application) {
        Some(mover) => Ok((application, mover)),
        None => Err(ApiError::not_found("application")),
    }
}
