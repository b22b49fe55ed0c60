//! Who may see and change a posting: its employer's users, staff whose
//! jurisdiction holds the employer, and admin. Open postings are public.

use doorstep_shared::api::Role;
use doorstep_shared::types::RegionCode;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::storage::{get_posting, Db, StoredPosting};

/// Tells whether `user` manages postings of an employer registered in `employer_region`.
pub fn manages(user: &CurrentUser, employer_id: i64, employer_region: &str) -> bool {
    match user.role {
        Role::Admin => true,
        Role::Staff => match (&user.region, RegionCode::parse(employer_region)) {
            (Some(scope), Ok(region)) => scope.contains(&region),
            _ => false,
        },
        Role::Employer => user.employer_id == Some(employer_id),
        Role::Seeker => false,
    }
}

/// Loads a posting the user manages; others get "not found" unless it is
/// open, in which case they may see it but not change it (403).
pub async fn managed_posting(user: &CurrentUser, db: &Db, id: i64) -> Result<StoredPosting, ApiError> {
    let posting = get_posting(db, id).await?;
    if manages(user, posting.row.employer_id, &posting.row.employer_region) {
        return Ok(posting);
    }
    if posting.row.status == "open" {
        return Err(ApiError::forbidden("only the employer or staff responsible for it may change this posting"));
    }
    Err(ApiError::not_found("posting"))
}

/// Refuses anyone who is not staff or admin.
pub fn require_staff(user: &CurrentUser) -> Result<(), ApiError> {
    match user.role {
        Role::Staff | Role::Admin => Ok(()),
        _ => Err(ApiError::forbidden("only civil-affairs staff may review postings")),
    }
}
