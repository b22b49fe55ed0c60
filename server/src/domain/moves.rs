//! Why a status move or an edit is refused: one answer for every status
//! machine (courses, sessions, producers, products, orders), with the
//! statuses spelled, so the API words it the same way everywhere.

/// A refused move or edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusRefusal {
    /// Nobody may make this move from this status.
    Illegal { from: &'static str, to: &'static str },
    /// Records in this status cannot be changed.
    NotEditable { status: &'static str },
}

/// Checks a move that starts from one of `from` and ends in `to`.
pub fn check_status_move<S: Copy + PartialEq + Into<&'static str>>(from: &[S], to: S, now: S) -> Result<S, StatusRefusal> {
    if from.contains(&now) {
        Ok(to)
    } else {
        Err(StatusRefusal::Illegal { from: now.into(), to: to.into() })
    }
}
