//! Who may see and change a posting: its employer's users, staff whose
//! jurisdiction holds the employer, and admin. Open postings are public.

use doorstep_shared::api::PostingStatus;

use crate::auth::{manages_employer, CurrentUser};
use crate::error::ApiError;
use crate::storage::{get_posting, Db, StoredPosting};

/// Loads a posting the user manages; others get "not found" unless it is
/// open, in which case they may see it but not change it (403).
pub async fn managed_posting(user: &CurrentUser, db: &Db, id: i64) -> Result<StoredPosting, ApiError> {
    let posting = get_posting(db, id).await?;
    if manages_employer(user, posting.content.employer_id, &posting.employer_region) {
        return Ok(posting);
    }
    if posting.status == PostingStatus::Open {
        return Err(ApiError::forbidden("only the employer or staff responsible for it may change this posting"));
    }
    Err(ApiError::not_found("posting"))
}
