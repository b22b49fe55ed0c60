//! The posting status machine: pure rules, no I/O.
//!
//! Moves: pending → open (approve, staff); pending | open → rejected (reject,
//! staff, with a reason); pending | open → closed (close, the employer or
//! staff); open → filled happens only inside a hire (`storage::hire_application`).
//! An edit is allowed while pending or open; an employer's edit of an open
//! posting sends it back to pending, so what staff approved is what seekers
//! see. Filled, closed and rejected are final. Admin acts as staff.

use doorstep_shared::api::PostingStatus;
use doorstep_shared::types::Day;

/// A move someone asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostingMove {
    Approve,
    Reject,
    Close,
}

/// Who edits or moves a posting, as far as the machine cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostingActor {
    /// A user of the posting's employer.
    Employer,
    /// Staff with jurisdiction over the employer, or admin.
    Staff,
}

/// Why a move or an edit is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostingRefusal {
    /// The move is for staff only.
    StaffOnly,
    /// Nobody may make this move from this status.
    Illegal { from: PostingStatus, to: PostingStatus },
    /// Only pending and open postings can be edited.
    NotEditable { status: PostingStatus },
    /// A posting past its last day cannot open.
    Expired,
}

impl PostingMove {
    /// The statuses the move starts from.
    pub fn from(self) -> &'static [PostingStatus] {
        use PostingStatus::*;
        match self {
            Self::Approve => &[Pending],
            Self::Reject | Self::Close => &[Pending, Open],
        }
    }

    /// The status the move ends in.
    pub fn to(self) -> PostingStatus {
        match self {
            Self::Approve => PostingStatus::Open,
            Self::Reject => PostingStatus::Rejected,
            Self::Close => PostingStatus::Closed,
        }
    }

    /// Whether the mover must say why (the employer sees it).
    pub fn needs_reason(self) -> bool {
        self == Self::Reject
    }

    /// Refuses a mover the move is not for (approving and rejecting are for staff).
    pub fn check_mover(self, actor: PostingActor) -> Result<(), PostingRefusal> {
        if matches!(self, Self::Approve | Self::Reject) && actor != PostingActor::Staff {
            return Err(PostingRefusal::StaffOnly);
        }
        Ok(())
    }
}

/// Checks a move from `from` on `today` for a posting valid until
/// `valid_until`; the first refusal wins. Returns the new status.
pub fn check_posting_move(m: PostingMove, from: PostingStatus, actor: PostingActor, valid_until: Day, today: Day) -> Result<PostingStatus, PostingRefusal> {
    m.check_mover(actor)?;
    if !m.from().contains(&from) {
        return Err(PostingRefusal::Illegal { from, to: m.to() });
    }
    if m.to() == PostingStatus::Open && valid_until < today {
        return Err(PostingRefusal::Expired);
    }
    Ok(m.to())
}

/// The status a posting has after an edit by `actor`.
pub fn status_after_edit(current: PostingStatus, actor: PostingActor) -> Result<PostingStatus, PostingRefusal> {
    match (current, actor) {
        (PostingStatus::Pending | PostingStatus::Open, PostingActor::Employer) => Ok(PostingStatus::Pending),
        (PostingStatus::Pending | PostingStatus::Open, PostingActor::Staff) => Ok(current),
        (status, _) => Err(PostingRefusal::NotEditable { status }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PostingStatus::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("valid day")
    }

    #[test]
    fn every_move_from_every_status_follows_the_table() {
        let (valid, today) = (day("2026-12-31"), day("2026-11-29"));
        let expected = [
            (PostingMove::Approve, Pending, Some(Open)),
            (PostingMove::Reject, Pending, Some(Rejected)),
            (PostingMove::Reject, Open, Some(Rejected)),
            (PostingMove::Close, Pending, Some(Closed)),
            (PostingMove::Close, Open, Some(Closed)),
        ];
        for m in [PostingMove::Approve, PostingMove::Reject, PostingMove::Close] {
            for &from in PostingStatus::ALL {
                let want = expected.iter().find(|(em, ef, _)| *em == m && *ef == from).and_then(|(_, _, to)| *to);
                let got = check_posting_move(m, from, PostingActor::Staff, valid, today).ok();
                assert_eq!(got, want, "{m:?} from {from:?}");
            }
        }
    }

    #[test]
    fn employers_may_close_but_not_review() {
        let (valid, today) = (day("2026-12-31"), day("2026-11-29"));
        assert_eq!(check_posting_move(PostingMove::Close, Open, PostingActor::Employer, valid, today), Ok(Closed));
        for m in [PostingMove::Approve, PostingMove::Reject] {
            assert_eq!(check_posting_move(m, Pending, PostingActor::Employer, valid, today), Err(PostingRefusal::StaffOnly));
        }
    }

    #[test]
    fn an_expired_posting_cannot_open_but_can_close() {
        let (valid, today) = (day("2026-11-28"), day("2026-11-29"));
        assert_eq!(check_posting_move(PostingMove::Approve, Pending, PostingActor::Staff, valid, today), Err(PostingRefusal::Expired));
        assert_eq!(check_posting_move(PostingMove::Close, Pending, PostingActor::Staff, valid, today), Ok(Closed));
        assert_eq!(check_posting_move(PostingMove::Approve, Pending, PostingActor::Staff, today, today), Ok(Open));
    }

    #[test]
    fn an_employers_edit_goes_back_to_review_and_final_postings_stay_as_they_are() {
        assert_eq!(status_after_edit(Open, PostingActor::Employer), Ok(Pending));
        assert_eq!(status_after_edit(Open, PostingActor::Staff), Ok(Open));
        assert_eq!(status_after_edit(Pending, PostingActor::Staff), Ok(Pending));
        for status in [Filled, Closed, Rejected] {
            assert_eq!(status_after_edit(status, PostingActor::Staff), Err(PostingRefusal::NotEditable { status }));
        }
    }
}
