//! The application status machine, hire terms, placement kinds and
//! follow-up months: pure rules, no I/O.
//!
//! Moves: applied → interviewing, applied | interviewing → rejected and
//! applied | interviewing → hired (an interview is not required: a hire from
//! "applied" is one call) belong to the hiring side (the employer, or staff
//! governing the employer); applied | interviewing → withdrawn belongs to the
//! person's side (the seeker, or staff governing the person's home). Hired,
//! rejected and withdrawn are final. Admin is staff on both sides.

use doorstep_shared::api::{ApplicationStatus, ApplicationStatusRequest, FollowUpState, PlacementKind};

use doorstep_shared::types::{Day, RegionCode};

use super::FieldErrors;

/// Who asks for a move, as far as the status machine cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mover {
    /// A user of the posting's employer.
    Employer,
    /// Staff (or admin) governing the person's home, the posting's employer, or both.
    Staff { for_person: bool, for_posting: bool },
    /// The person themselves, through their linked account.
    Seeker,
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveRefusal {
    /// No one may make this move.
    Illegal { from: ApplicationStatus, to: ApplicationStatus },
    /// The move exists, but not for this mover.
    NotYours { to: ApplicationStatus },
}

/// Checks a move against the machine; the first refusal wins.
pub fn check_move(from: ApplicationStatus, to: ApplicationStatus, mover: Mover) -> Result<(), MoveRefusal> {
    use ApplicationStatus::*;
    let allowed = match (from, to) {
        (Applied, Interviewing) | (Applied | Interviewing, Rejected | Hired) => {
            matches!(mover, Mover::Employer | Mover::Staff { for_posting: true, .. })
        }
        (Applied | Interviewing, Withdrawn) => matches!(mover, Mover::Seeker | Mover::Staff { for_person: true, .. }),
        _ => return Err(MoveRefusal::Illegal { from, to }),
    };
    if !allowed {
        return Err(MoveRefusal::NotYours { to });
    }
    Ok(())
}

/// 家门口就业 when the site lies in the person's home county (the first six
/// digits of their home region), else 转移就业.
pub fn placement_kind(home_region: &RegionCode, site_region: &RegionCode) -> PlacementKind {
    let (home, site): (&str, &str) = (home_region.as_ref(), site_region.as_ref());
    match home.get(..6) {
        Some(county) if site.starts_with(county) => PlacementKind::Nearby,
        _ => PlacementKind::Transfer,
    }
}

/// What a hire needs: a first working day and an agreed wage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HireTerms {
    pub start_date: Day,
    pub monthly_wage: u32,
}

const MAX_WAGE: u32 = 100_000;

/// Checks the terms of a hire, naming every missing or bad field.
pub fn parse_hire_terms(req: &ApplicationStatusRequest) -> Result<HireTerms, FieldErrors> {
    let mut errors = FieldErrors::default();
    let start_date = match req.start_date.as_deref().map(str::trim) {
        None | Some("") => {
            errors.add("start_date", "a hire needs start_date, the first working day (YYYY-MM-DD)");
            None
        }
        Some(raw) => Day::parse(raw).map_err(|e| errors.add("start_date", e)).ok(),
    };
    let monthly_wage = match req.monthly_wage {
        None => {
            errors.add("monthly_wage", "a hire needs monthly_wage, the agreed wage in yuan");
            None
        }
        Some(w) if w > MAX_WAGE => {
            errors.add("monthly_wage", format!("monthly_wage must be at most {MAX_WAGE} yuan"));
            None
        }
        Some(w) => Some(w),
    };
    match (start_date, monthly_wage) {
        (Some(start_date), Some(monthly_wage)) if errors.0.is_empty() => Ok(HireTerms { start_date, monthly_wage }),
        _ => Err(errors),
    }
}

/// How long a follow-up stays due before it is overdue.
pub const OVERDUE_AFTER_DAYS: i64 = 14;

/// A retention check's month after the start: 1, 3 or 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpMonth(u8);

impl FollowUpMonth {
    pub fn parse(month: u8) -> Result<Self, String> {
        if matches!(month, 1 | 3 | 6) {
            return Ok(Self(month));
        }
        Err(format!("month must be 1, 3 or 6, not {month}"))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// The first day this follow-up may be recorded: `month` months after the start.
    pub fn due(self, start: Day) -> Day {
        start.plus_months(u32::from(self.0))
    }

    /// Where a follow-up not yet recorded stands on `today`: upcoming before
    /// its due day, due for `OVERDUE_AFTER_DAYS` days from it, overdue after.
    pub fn state(self, start: Day, today: Day) -> FollowUpState {
        let due = self.due(start);
        if today < due {
            FollowUpState::Upcoming
        } else if today <= due.plus_days(OVERDUE_AFTER_DAYS) {
            FollowUpState::Due
        } else {
            FollowUpState::Overdue
        }
    }

    /// Refuses a follow-up before its months have passed since `start`.
    pub fn check_due(self, start: Day, today: Day) -> Result<(), Day> {
        let due = self.due(start);
        if today < due {
            return Err(due);
        }
        Ok(())
    }
}

/// Checks an optional free-text note: trimmed, empty is none, at most 500 characters.
pub fn parse_note(note: Option<&str>, field: &str) -> Result<Option<String>, FieldErrors> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 500) {
        let mut errors = FieldErrors::default();
        errors.add(field, format!("{field} must have at most 500 characters"));
        return Err(errors);
    }
    Ok(note.map(String::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus::*;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).expect("valid code")
    }

    const ALL: [ApplicationStatus; 5] = [Applied, Interviewing, Hired, Rejected, Withdrawn];
    const PERSON_STAFF: Mover = Mover::Staff { for_person: true, for_posting: false };
    const POSTING_STAFF: Mover = Mover::Staff { for_person: false, for_posting: true };
    const BOTH_STAFF: Mover = Mover::Staff { for_person: true, for_posting: true };

    #[test]
    fn the_employer_and_its_staff_drive_the_happy_path() {
        for mover in [Mover::Employer, POSTING_STAFF, BOTH_STAFF] {
            assert_eq!(check_move(Applied, Interviewing, mover), Ok(()));
            assert_eq!(check_move(Interviewing, Hired, mover), Ok(()));
            assert_eq!(check_move(Interviewing, Rejected, mover), Ok(()));
            assert_eq!(check_move(Applied, Rejected, mover), Ok(()));
            assert_eq!(check_move(Applied, Hired, mover), Ok(()), "a hire needs no interview");
        }
        for to in [Interviewing, Rejected] {
            assert_eq!(check_move(Applied, to, PERSON_STAFF), Err(MoveRefusal::NotYours { to }));
        }
        assert_eq!(check_move(Interviewing, Hired, PERSON_STAFF), Err(MoveRefusal::NotYours { to: Hired }));
        assert_eq!(check_move(Applied, Hired, PERSON_STAFF), Err(MoveRefusal::NotYours { to: Hired }));
        assert_eq!(check_move(Applied, Hired, Mover::Seeker), Err(MoveRefusal::NotYours { to: Hired }));
    }

    #[test]
    fn only_the_seeker_and_their_staff_withdraw() {
        for from in [Applied, Interviewing] {
            for mover in [Mover::Seeker, PERSON_STAFF, BOTH_STAFF] {
                assert_eq!(check_move(from, Withdrawn, mover), Ok(()));
            }
            for mover in [Mover::Employer, POSTING_STAFF] {
                assert_eq!(check_move(from, Withdrawn, mover), Err(MoveRefusal::NotYours { to: Withdrawn }));
            }
        }
        assert_eq!(check_move(Applied, Interviewing, Mover::Seeker), Err(MoveRefusal::NotYours { to: Interviewing }));
    }

    #[test]
    fn final_states_never_move_and_nothing_returns_to_applied() {
        for from in [Hired, Rejected, Withdrawn] {
            for to in ALL {
                for mover in [Mover::Employer, BOTH_STAFF, Mover::Seeker] {
                    assert_eq!(check_move(from, to, mover), Err(MoveRefusal::Illegal { from, to }), "{from:?} -> {to:?}");
                }
            }
        }
        for from in ALL {
            assert!(check_move(from, Applied, BOTH_STAFF).is_err());
        }
    }

    #[test]
    fn a_site_in_the_home_county_is_nearby() {
        assert_eq!(placement_kind(&code("610902001"), &code("610902003")), PlacementKind::Nearby);
        assert_eq!(placement_kind(&code("610902001"), &code("610902")), PlacementKind::Nearby);
        assert_eq!(placement_kind(&code("610902001"), &code("610981100")), PlacementKind::Transfer);
        assert_eq!(placement_kind(&code("610902001"), &code("3205")), PlacementKind::Transfer);
        assert_eq!(placement_kind(&code("6109"), &code("610902001")), PlacementKind::Transfer, "no county, no nearby");
    }

    fn hire(start_date: Option<&str>, monthly_wage: Option<u32>) -> ApplicationStatusRequest {
        ApplicationStatusRequest { status: Hired, start_date: start_date.map(String::from), monthly_wage, note: None }
    }

    #[test]
    fn a_hire_needs_a_real_start_date_and_a_wage() {
        assert_eq!(
            parse_hire_terms(&hire(Some("2026-12-01"), Some(3200))).expect("valid"),
            HireTerms { start_date: Day::parse("2026-12-01").expect("valid"), monthly_wage: 3200 }
        );
        let cases = [
            (hire(None, Some(3200)), vec!["start_date"]),
            (hire(Some("2026-02-30"), Some(3200)), vec!["start_date"]),
            (hire(Some("2026-12-01"), None), vec!["monthly_wage"]),
            (hire(Some("2026-12-01"), Some(200_000)), vec!["monthly_wage"]),
            (hire(Some(" "), None), vec!["start_date", "monthly_wage"]),
        ];
        for (req, fields) in cases {
            let errors = parse_hire_terms(&req).expect_err("must fail");
            assert_eq!(errors.0.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), fields, "{req:?}");
        }
    }

    #[test]
    fn follow_ups_are_at_one_three_and_six_months() {
        for m in [1, 3, 6] {
            assert_eq!(FollowUpMonth::parse(m).map(FollowUpMonth::get), Ok(m));
        }
        for m in [0, 2, 4, 5, 7, 12, 255] {
            assert!(FollowUpMonth::parse(m).is_err(), "{m}");
        }
    }

    #[test]
    fn a_follow_up_is_upcoming_then_due_for_two_weeks_then_overdue() {
        let day = |s: &str| Day::parse(s).expect("valid");
        let three = FollowUpMonth::parse(3).expect("month");
        let cases = [
            ("2026-06-09", FollowUpState::Upcoming),
            ("2026-06-10", FollowUpState::Due),
            ("2026-06-24", FollowUpState::Due),
            ("2026-06-25", FollowUpState::Overdue),
        ];
        for (today, state) in cases {
            assert_eq!(three.state(day("2026-03-10"), day(today)), state, "3 months from 2026-03-10 on {today}");
        }
    }

    #[test]
    fn a_follow_up_is_due_once_its_months_have_passed() {
        let day = |s: &str| Day::parse(s).expect("valid");
        // (month, start, today, accepted)
        let cases = [
            (1, "2026-01-31", "2026-02-27", false),
            (1, "2026-01-31", "2026-02-28", true),
            (3, "2026-03-10", "2026-06-09", false),
            (3, "2026-03-10", "2026-06-10", true),
            (6, "2026-01-01", "2026-06-30", false),
            (6, "2026-01-01", "2026-07-01", true),
            (6, "2026-01-01", "2027-01-01", true),
            (6, "2026-08-31", "2027-02-27", false),
            (6, "2026-08-31", "2027-02-28", true),
        ];
        for (month, start, today, accepted) in cases {
            let m = FollowUpMonth::parse(month).expect("month");
            let got = m.check_due(day(start), day(today));
            assert_eq!(got.is_ok(), accepted, "{month} months from {start} on {today}");
            if let Err(due) = got {
                assert_eq!(due, m.due(day(start)));
            }
        }
    }

    #[test]
    fn notes_are_trimmed_and_bounded() {
        assert_eq!(parse_note(Some("  好  "), "note").expect("ok"), Some("好".into()));
        assert_eq!(parse_note(Some("   "), "note").expect("ok"), None);
        assert!(parse_note(Some(&"长".repeat(501)), "note").is_err());
    }
}
