//! Who may see and change a posting: its employer's users, staff whose
//! jurisdiction holds the employer, and admin. Open postings are public.

use doorstep_shared::api::{PostingStatus, Role};
use doorstep_shared::types::RegionCode;

use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::storage::{get_posting, Db, StoredPosting};

/// Tells whether `user` manages postings of an employer registered in `employer_region`.
pub fn manages(user: &CurrentUser, employer_id: i64, employer_region: &RegionCode) -> bool {
    match user.role {
        Role::Admin => true,
        Role::Staff => user.region.as_ref().is_some_and(|scope| scope.contains(employer_region)),
        Role::Employer => user.employer_id == Some(employer_id),
        Role::Seeker => false,
    }
}

/// Loads a posting the user manages; others get "not found" unless it is
/// open, in which case they may see it but not change it (403).
pub async fn managed_posting(user: &CurrentUser, db: &Db, id: i64) -> Result<StoredPosting, ApiError> {
    let posting = get_posting(db, id).await?;
    if manages(user, posting.content.employer_id, &posting.employer_region) {
        return Ok(posting);
    }
    if posting.status == PostingStatus::Open {
        return Err(ApiError::forbidden("only the employer or staff responsible for it may change this posting"));
    }
    Err(ApiError::not_found("posting"))
}
