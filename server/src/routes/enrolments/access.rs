//! Who an enrolment is for, and who may act on one: the person's own seeker
//! account, and staff governing the person's home (admin everywhere). Everyone
//! else gets "not found", so enrolments do not leak.

use doorstep_shared::api::{ErrorCode, Role};

use crate::auth::{governs, CurrentUser};
use crate::error::ApiError;
use crate::storage::{get_enrolment, get_person, linked_person_id, Db, StoredEnrolment, StoredPerson};

/// The person enrolled: a seeker's linked person, or the one staff name inside their jurisdiction.
pub async fn enrollee(user: &CurrentUser, person_id: Option<i64>, db: &Db) -> Result<StoredPerson, ApiError> {
    match user.role {
        Role::Seeker => {
            let own = own_person_id(user, db).await?;
            if person_id.is_some_and(|p| p != own) {
                return Err(ApiError::with_fields(ErrorCode::Forbidden, "seekers enrol only themselves", &["person_id"]));
            }
            Ok(get_person(db, own).await?)
        }
        Role::Staff | Role::Admin => {
            let Some(id) = person_id else {
                return Err(ApiError::validation("person_id", "name the person you enrol"));
            };
            let person = get_person(db, id).await?;
            if !governs(user, &person.home_region) {
                return Err(ApiError::not_found("person"));
            }
            Ok(person)
        }
        Role::Employer => Err(ApiError::forbidden("employers do not enrol people in training")),
    }
}

/// The seeker's linked person; refused for a seeker without a profile.
pub async fn own_person_id(user: &CurrentUser, db: &Db) -> Result<i64, ApiError> {
    if user.role != Role::Seeker {
        return Err(ApiError::forbidden("only job seekers have their own enrolments"));
    }
    linked_person_id(db, user.id).await?.ok_or_else(|| ApiError::new(ErrorCode::ProfileMissing, "fill in your profile before enrolling"))
}

/// An enrolment the caller may act on, and whether they act as staff.
pub async fn governed_enrolment(user: &CurrentUser, db: &Db, id: i64) -> Result<(StoredEnrolment, bool), ApiError> {
    let enrolment = get_enrolment(db, id).await?;
    let own = match user.role {
        Role::Seeker => linked_person_id(db, user.id).await? == Some(enrolment.person_id),
        _ => false,
    };
    let staff = governs(user, &enrolment.person_region);
    if !own && !staff {
        return Err(ApiError::not_found("enrolment"));
    }
    Ok((enrolment, staff))
}
