//! The course and session status machines: pure rules, no I/O.
//!
//! A course: draft → published (publish), draft | published → archived
//! (archive); draft and published courses can be edited, archived ones are
//! final and take no new sessions. A session: open | full → running (start),
//! running → finished (finish), and any but finished → cancelled (cancel,
//! with a reason the enrolled are told); open ↔ full follows the places
//! taken, never a move. Open and full sessions can be edited. Staff and
//! admin make every move.

use doorstep_shared::api::{CourseStatus, SessionStatus};

use super::{check_status_move, StatusRefusal};

/// A move someone asks of a course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CourseMove {
    Publish,
    Archive,
}

/// A move someone asks of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionMove {
    Start,
    Finish,
    Cancel,
}

impl CourseMove {
    /// The statuses the move starts from.
    pub fn from(self) -> &'static [CourseStatus] {
        use CourseStatus::*;
        match self {
            Self::Publish => &[Draft],
            Self::Archive => &[Draft, Published],
        }
    }

    /// The status the move ends in.
    pub fn to(self) -> CourseStatus {
        match self {
            Self::Publish => CourseStatus::Published,
            Self::Archive => CourseStatus::Archived,
        }
    }
}

impl SessionMove {
    /// The statuses the move starts from.
    pub fn from(self) -> &'static [SessionStatus] {
        use SessionStatus::*;
        match self {
            Self::Start => &[Open, Full],
            Self::Finish => &[Running],
            Self::Cancel => &[Open, Full, Running],
        }
    }

    /// The status the move ends in.
    pub fn to(self) -> SessionStatus {
        match self {
            Self::Start => SessionStatus::Running,
            Self::Finish => SessionStatus::Finished,
            Self::Cancel => SessionStatus::Cancelled,
        }
    }
}

/// Checks a course move from `from`; returns the new status.
pub fn check_course_move(m: CourseMove, from: CourseStatus) -> Result<CourseStatus, StatusRefusal> {
    check_status_move(m.from(), m.to(), from)
}

/// Checks a session move from `from`; returns the new status.
pub fn check_session_move(m: SessionMove, from: SessionStatus) -> Result<SessionStatus, StatusRefusal> {
    check_status_move(m.from(), m.to(), from)
}

/// Refuses an edit of (or a new session under) an archived course.
pub fn check_course_editable(status: CourseStatus) -> Result<(), StatusRefusal> {
    match status {
        CourseStatus::Draft | CourseStatus::Published => Ok(()),
        CourseStatus::Archived => Err(StatusRefusal::NotEditable { status: status.as_str() }),
    }
}

/// The statuses a session can be edited in.
pub const EDITABLE_SESSION: &[SessionStatus] = &[SessionStatus::Open, SessionStatus::Full];

/// Refuses an edit of a session that has started, ended or been cancelled.
pub fn check_session_editable(status: SessionStatus) -> Result<(), StatusRefusal> {
    if EDITABLE_SESSION.contains(&status) {
        Ok(())
    } else {
        Err(StatusRefusal::NotEditable { status: status.as_str() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_course_move_from_every_status_follows_the_table() {
        use CourseStatus::*;
        let expected = [(CourseMove::Publish, Draft, Published), (CourseMove::Archive, Draft, Archived), (CourseMove::Archive, Published, Archived)];
        for m in [CourseMove::Publish, CourseMove::Archive] {
            for &from in CourseStatus::ALL {
                let want = expected.iter().find(|(em, ef, _)| *em == m && *ef == from).map(|(_, _, to)| *to);
                assert_eq!(check_course_move(m, from).ok(), want, "{m:?} from {from:?}");
            }
        }
    }

    #[test]
    fn every_session_move_from_every_status_follows_the_table() {
        use SessionStatus::*;
        let expected = [
            (SessionMove::Start, Open, Running),
            (SessionMove::Start, Full, Running),
            (SessionMove::Finish, Running, Finished),
            (SessionMove::Cancel, Open, Cancelled),
            (SessionMove::Cancel, Full, Cancelled),
            (SessionMove::Cancel, Running, Cancelled),
        ];
        for m in [SessionMove::Start, SessionMove::Finish, SessionMove::Cancel] {
            for &from in SessionStatus::ALL {
                let want = expected.iter().find(|(em, ef, _)| *em == m && *ef == from).map(|(_, _, to)| *to);
                assert_eq!(check_session_move(m, from).ok(), want, "{m:?} from {from:?}");
            }
        }
    }

    #[test]
    fn only_courses_in_use_and_sessions_not_yet_started_are_editable() {
        assert!(check_course_editable(CourseStatus::Draft).is_ok());
        assert!(check_course_editable(CourseStatus::Published).is_ok());
        assert_eq!(check_course_editable(CourseStatus::Archived), Err(StatusRefusal::NotEditable { status: "archived" }));
        for &status in SessionStatus::ALL {
            let editable = matches!(status, SessionStatus::Open | SessionStatus::Full);
            assert_eq!(check_session_editable(status).is_ok(), editable, "{status:?}");
        }
    }
}
