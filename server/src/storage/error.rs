//! Storage failures: a missing row, or anything else (with context).

#[derive(thiserror::Error, Debug)]
pub enum StorageError {
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// Tells whether an error is a violated UNIQUE constraint, on either backend.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_unique_violation())
}

/// Tells whether an error is a violated foreign key, on either backend.
pub fn is_foreign_key_violation(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_foreign_key_violation())
}
