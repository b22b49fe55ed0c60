//! Who may see and act for a producer: its linked accounts and the staff
//! governing its region. Verified producers are public.

use doorstep_shared::api::ProducerStatus;

use crate::auth::{manages_producer, CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::storage::{get_producer, Db, StoredProducer};

/// Whether `user` acts for `p`.
pub fn acts_for(user: Option<&CurrentUser>, p: &StoredProducer) -> bool {
    user.is_some_and(|u| manages_producer(u, p.id, &p.content.region))
}

/// Loads a producer `user` acts for; a verified one they do not act for is
/// a 403, any other a 404.
pub async fn managed_producer(user: &CurrentUser, db: &Db, id: i64) -> Result<StoredProducer, ApiError> {
    let producer = get_producer(db, id).await?;
    if acts_for(Some(user), &producer) {
        return Ok(producer);
    }
    if producer.status == ProducerStatus::Verified {
        return Err(ApiError::forbidden("only the producer's own accounts and the staff responsible for its region may do this"));
    }
    Err(ApiError::not_found("producer"))
}

/// Loads a producer the staff member governs (staff verify and edit producers).
pub async fn governed_producer(scope: &StaffScope, db: &Db, id: i64) -> Result<StoredProducer, ApiError> {
    let producer = get_producer(db, id).await?;
    if scope.allows(&producer.content.region) {
        return Ok(producer);
    }
    if producer.status == ProducerStatus::Verified {
        return Err(ApiError::forbidden("only staff responsible for the producer's region may change it"));
    }
    Err(ApiError::not_found("producer"))
}

/// Loads a producer the caller may read: verified ones for anyone, others
/// for those who act for it.
pub async fn visible_producer(user: Option<&CurrentUser>, db: &Db, id: i64) -> Result<StoredProducer, ApiError> {
    let producer = get_producer(db, id).await?;
    if producer.status == ProducerStatus::Verified || acts_for(user, &producer) {
        return Ok(producer);
    }
    Err(ApiError::not_found("producer"))
}
