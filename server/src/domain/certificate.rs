//! Attendance, completion and certificates: pure rules, no I/O.
//!
//! Attendance is taken on a day inside the session's dates and on one of its
//! weekdays. Completion is recorded once, for an enrolment holding a place
//! (`enrolled`) in a session that is running or finished; not completing
//! needs a reason. A certificate's number is
//! `<issuing region's 6-digit code>-<year>-<5-digit sequence>`, and it is
//! proved at the public check by a random code of unambiguous characters.

use doorstep_shared::api::{EnrolmentStatus, RegionLevel, SessionStatus, Weekday};
use doorstep_shared::types::{official_code, Day, RegionCode};
use rand::Rng;

/// What the rules need to know of a session.
#[derive(Debug, Clone)]
pub struct SessionTerms {
    pub start: Day,
    pub end: Day,
    pub days: Vec<Weekday>,
    pub status: SessionStatus,
}

/// The weekday of a day (1970-01-01 was a Thursday).
pub fn weekday_of(day: Day) -> Weekday {
    Weekday::ALL[(day.unix_days() + 3).rem_euclid(7) as usize]
}

/// Why attendance or completion is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompletionRefusal {
    /// Bad input, each field named.
    Fields(Vec<(String, String)>),
    /// The session is not running or finished.
    SessionNotRunning(SessionStatus),
    /// The enrolment holds no place (waitlisted or cancelled).
    NoPlace(EnrolmentStatus),
    /// Completion was recorded already.
    AlreadyCompleted(EnrolmentStatus),
}

impl CompletionRefusal {
    fn field(field: &str, message: impl Into<String>) -> Self {
        Self::Fields(vec![(field.to_string(), message.into())])
    }
}

/// Attendance is taken while a session runs or after, on one of its days.
pub fn check_attendance_day(session: &SessionTerms, day: Day) -> Result<(), CompletionRefusal> {
    if !matches!(session.status, SessionStatus::Running | SessionStatus::Finished) {
        return Err(CompletionRefusal::SessionNotRunning(session.status));
    }
    if day < session.start || day > session.end {
        return Err(CompletionRefusal::field("day", format!("{day} is outside the session's dates {} to {}", session.start, session.end)));
    }
    let weekday = weekday_of(day);
    if !session.days.contains(&weekday) {
        return Err(CompletionRefusal::field("day", format!("{day} is a {}, not one of the session's days", weekday.as_str())));
    }
    Ok(())
}

/// A checked completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    Completed,
    NotCompleted { reason: String },
}

impl Completion {
    /// The enrolment's status after it.
    pub fn status(&self) -> EnrolmentStatus {
        match self {
            Self::Completed => EnrolmentStatus::Completed,
            Self::NotCompleted { .. } => EnrolmentStatus::NotCompleted,
        }
    }
}

/// Checks a completion against the session's and the enrolment's status.
pub fn check_completion(session: SessionStatus, enrolment: EnrolmentStatus, completed: bool, reason: Option<&str>) -> Result<Completion, CompletionRefusal> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if !completed && reason.is_none() {
        return Err(CompletionRefusal::field("reason", "a reason is required when the course was not completed"));
    }
    match enrolment {
        EnrolmentStatus::Completed | EnrolmentStatus::NotCompleted => return Err(CompletionRefusal::AlreadyCompleted(enrolment)),
        EnrolmentStatus::Waitlisted | EnrolmentStatus::Cancelled => return Err(CompletionRefusal::NoPlace(enrolment)),
        EnrolmentStatus::Enrolled => {}
    }
    if !matches!(session, SessionStatus::Running | SessionStatus::Finished) {
        return Err(CompletionRefusal::SessionNotRunning(session));
    }
    Ok(match reason {
        Some(r) if !completed => Completion::NotCompleted { reason: r.to_string() },
        _ => Completion::Completed,
    })
}

/// The part of a certificate number before its sequence: the issuing
/// region's county (or higher) code in six digits, and the year.
pub fn certificate_prefix(issuing_region: &RegionCode, year: i32) -> String {
    let county = issuing_region.ancestor_at(RegionLevel::County).unwrap_or_else(|| issuing_region.clone());
    format!("{}-{year}-", official_code(&county))
}

/// A certificate number: `610902-2026-00001`.
pub fn certificate_number(prefix: &str, sequence: u32) -> String {
    format!("{prefix}{sequence:05}")
}

/// The sequence of a number with `prefix`; `None` for another prefix or a malformed number.
pub fn sequence_of(number: &str, prefix: &str) -> Option<u32> {
    number.strip_prefix(prefix).filter(|s| s.len() >= 5 && s.bytes().all(|b| b.is_ascii_digit())).and_then(|s| s.parse().ok())
}

/// The characters of a verification code: no 0/O, no 1/I.
pub const VERIFY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
/// The length of a verification code.
pub const VERIFY_LEN: usize = 8;

/// A fresh random verification code.
pub fn verify_code(rng: &mut impl Rng) -> String {
    (0..VERIFY_LEN).map(|_| char::from(VERIFY_ALPHABET[rng.gen_range(0..VERIFY_ALPHABET.len())])).collect()
}

/// Compares two codes in time independent of where they differ.
pub fn same_code(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A name as shown to someone who may not know the person: the surname and two stars (王**).
pub fn mask_name(name: &str) -> String {
    let surname: String = name.chars().take(1).collect();
    format!("{surname}**")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("day")
    }

    fn session() -> SessionTerms {
        // 2026-12-07 is a Monday.
        SessionTerms { start: day("2026-12-07"), end: day("2026-12-18"), days: vec![Weekday::Mon, Weekday::Wed], status: SessionStatus::Running }
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday_of(day("1970-01-01")), Weekday::Thu);
        assert_eq!(weekday_of(day("2026-12-07")), Weekday::Mon);
        assert_eq!(weekday_of(day("2026-12-13")), Weekday::Sun);
    }

    #[test]
    fn attendance_is_taken_on_the_sessions_days_only() {
        assert_eq!(check_attendance_day(&session(), day("2026-12-09")), Ok(()));
        let refused = |d: &str| matches!(check_attendance_day(&session(), day(d)), Err(CompletionRefusal::Fields(f)) if f[0].0 == "day");
        assert!(refused("2026-12-08"), "a tuesday");
        assert!(refused("2026-12-06"), "before the start");
        assert!(refused("2026-12-21"), "after the end");
        let open = SessionTerms { status: SessionStatus::Open, ..session() };
        assert_eq!(check_attendance_day(&open, day("2026-12-09")), Err(CompletionRefusal::SessionNotRunning(SessionStatus::Open)));
    }

    #[test]
    fn completion_is_recorded_once_for_a_place_in_a_running_session() {
        use EnrolmentStatus as E;
        use SessionStatus as S;
        let table = [
            (S::Running, E::Enrolled, true, None, Ok(Completion::Completed)),
            (S::Finished, E::Enrolled, false, Some("病假"), Ok(Completion::NotCompleted { reason: "病假".into() })),
            (S::Open, E::Enrolled, true, None, Err(CompletionRefusal::SessionNotRunning(S::Open))),
            (S::Running, E::Completed, true, None, Err(CompletionRefusal::AlreadyCompleted(E::Completed))),
            (S::Running, E::Waitlisted, true, None, Err(CompletionRefusal::NoPlace(E::Waitlisted))),
            (S::Running, E::Enrolled, false, Some("  "), Err(CompletionRefusal::field("reason", "a reason is required when the course was not completed"))),
        ];
        for (session, enrolment, completed, reason, want) in table {
            assert_eq!(check_completion(session, enrolment, completed, reason), want, "{session:?} {enrolment:?} {completed}");
        }
    }

    #[test]
    fn numbers_carry_the_county_code_the_year_and_a_sequence() {
        let town = RegionCode::parse("610902001").expect("town");
        let prefix = certificate_prefix(&town, 2026);
        assert_eq!(prefix, "610902-2026-");
        assert_eq!(certificate_number(&prefix, 7), "610902-2026-00007");
        assert_eq!(sequence_of("610902-2026-00007", &prefix), Some(7));
        assert_eq!(sequence_of("610902-2025-00007", &prefix), None);
        assert_eq!(certificate_prefix(&RegionCode::parse("6109").expect("city"), 2026), "610900-2026-");
    }

    #[test]
    fn codes_use_unambiguous_characters() {
        let mut rng = rand::thread_rng();
        for _ in 0..50 {
            let code = verify_code(&mut rng);
            assert_eq!(code.len(), VERIFY_LEN);
            assert!(code.chars().all(|c| !"0O1I".contains(c) && VERIFY_ALPHABET.contains(&(c as u8))), "{code}");
        }
        assert!(same_code("ABCD2345", "ABCD2345") && !same_code("ABCD2345", "ABCD2346") && !same_code("ABC", "ABCD"));
    }

    #[test]
    fn a_masked_name_keeps_the_surname_only() {
        assert_eq!(mask_name("王秀英"), "王**");
        assert_eq!(mask_name("李四"), "李**");
    }
}
