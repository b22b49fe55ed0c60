//! Who may enrol in a course session: pure rules, no I/O, today as an argument.
//!
//! A session takes enrolments while it is open or full (full ones fill the
//! waitlist) and its course is published, through its enrolment deadline. A
//! course that lists assistance categories is for people with one of them
//! verified. A person holds one live entry per session, and no two places in
//! sessions that meet on the same day in the same part of the day. Whether a
//! place or a waitlist entry is given is decided in storage, by the
//! conditional UPDATE of the session's counter, never here.

use doorstep_shared::api::{AssistanceCategory, CourseStatus, EnrolmentStatus, Period, SessionStatus, Weekday};
use doorstep_shared::types::Day;

/// When a session meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timetable {
    pub start: Day,
    pub end: Day,
    pub days: Vec<Weekday>,
    pub period: Period,
}

/// What the rules need to know of the session enrolled in.
#[derive(Debug, Clone)]
pub struct EnrolTarget {
    pub session_id: i64,
    pub status: SessionStatus,
    pub course_status: CourseStatus,
    pub enrol_deadline: Day,
    /// The course's eligibility; empty for anyone.
    pub categories: Vec<AssistanceCategory>,
    pub timetable: Timetable,
}

/// A live entry the person already has in some session.
#[derive(Debug, Clone)]
pub struct HeldEntry {
    pub session_id: i64,
    pub status: EnrolmentStatus,
    pub timetable: Timetable,
}

/// Why an enrolment is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrolRefusal {
    /// The session is not open or full.
    SessionNotOpen(SessionStatus),
    /// The course is a draft or archived.
    CourseNotPublished(CourseStatus),
    /// Today is past the deadline.
    Closed { deadline: Day },
    /// The person has none of these categories verified.
    NotEligible { categories: Vec<AssistanceCategory> },
    /// The person holds a place in this other session, meeting at the same time.
    Clash { session_id: i64 },
    /// The person already has a live entry in this session.
    AlreadyEnrolled,
}

/// Checks an enrolment of a person with `verified` categories and `held` live entries.
pub fn check_enrolment(target: &EnrolTarget, verified: &[AssistanceCategory], held: &[HeldEntry], today: Day) -> Result<(), EnrolRefusal> {
    if target.course_status != CourseStatus::Published {
        return Err(EnrolRefusal::CourseNotPublished(target.course_status));
    }
    if !matches!(target.status, SessionStatus::Open | SessionStatus::Full) {
        return Err(EnrolRefusal::SessionNotOpen(target.status));
    }
    if today > target.enrol_deadline {
        return Err(EnrolRefusal::Closed { deadline: target.enrol_deadline });
    }
    if !target.categories.is_empty() && !target.categories.iter().any(|c| verified.contains(c)) {
        return Err(EnrolRefusal::NotEligible { categories: target.categories.clone() });
    }
    if held.iter().any(|h| h.session_id == target.session_id) {
        return Err(EnrolRefusal::AlreadyEnrolled);
    }
    let clash = held.iter().find(|h| h.status == EnrolmentStatus::Enrolled && sessions_overlap(&h.timetable, &target.timetable));
    match clash {
        Some(h) => Err(EnrolRefusal::Clash { session_id: h.session_id }),
        None => Ok(()),
    }
}

/// Tells whether two sessions meet at the same time: the same part of the day,
/// on a weekday both meet on that falls inside both date ranges.
pub fn sessions_overlap(a: &Timetable, b: &Timetable) -> bool {
    if a.period != b.period {
        return false;
    }
    let (from, to) = (a.start.max(b.start), a.end.min(b.end));
    let mut day = from;
    // A week of the shared dates holds every weekday they can share.
    while day <= to && day < from.plus_days(7) {
        let w = weekday(day);
        if a.days.contains(&w) && b.days.contains(&w) {
            return true;
        }
        day = day.plus_days(1);
    }
    false
}

/// The weekday of a day (1970-01-01 was a Thursday).
pub fn weekday(day: Day) -> Weekday {
    Weekday::ALL[(day.unix_days() + 3).rem_euclid(7) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use AssistanceCategory::*;
    use Weekday::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("valid day")
    }

    fn timetable(start: &str, end: &str, days: &[Weekday], period: Period) -> Timetable {
        Timetable { start: day(start), end: day(end), days: days.to_vec(), period }
    }

    fn target(categories: &[AssistanceCategory]) -> EnrolTarget {
        EnrolTarget {
            session_id: 1,
            status: SessionStatus::Open,
            course_status: CourseStatus::Published,
            enrol_deadline: day("2026-12-06"),
            categories: categories.to_vec(),
            // Mondays and Wednesdays in December, daytime.
            timetable: timetable("2026-12-07", "2026-12-31", &[Mon, Wed], Period::Daytime),
        }
    }

    fn held(session_id: i64, status: EnrolmentStatus, t: Timetable) -> HeldEntry {
        HeldEntry { session_id, status, timetable: t }
    }

    #[test]
    fn weekdays_are_counted_from_a_known_monday() {
        assert_eq!(weekday(day("2026-11-30")), Mon);
        assert_eq!(weekday(day("2026-12-06")), Sun);
        assert_eq!(weekday(day("1970-01-01")), Thu);
    }

    #[test]
    fn sessions_overlap_only_on_a_shared_weekday_and_period_inside_both_ranges() {
        let dec = timetable("2026-12-07", "2026-12-31", &[Mon, Wed], Period::Daytime);
        let cases = [
            ("same days, same period", timetable("2026-12-01", "2026-12-20", &[Wed], Period::Daytime), true),
            ("same days, evening", timetable("2026-12-01", "2026-12-20", &[Mon, Wed], Period::Evening), false),
            ("other weekdays", timetable("2026-12-01", "2026-12-31", &[Tue, Thu, Sat], Period::Daytime), false),
            ("dates apart", timetable("2027-01-04", "2027-01-31", &[Mon], Period::Daytime), false),
            ("touching on a shared monday", timetable("2026-11-01", "2026-12-07", &[Mon], Period::Daytime), true),
            ("touching on a sunday only", timetable("2026-11-01", "2026-12-06", &[Mon, Sun], Period::Daytime), false),
            ("one shared tuesday, neither meets then", timetable("2026-12-31", "2027-01-10", &[Mon], Period::Daytime), false),
        ];
        for (name, other, want) in cases {
            assert_eq!(sessions_overlap(&dec, &other), want, "{name}");
            assert_eq!(sessions_overlap(&other, &dec), want, "{name}, reversed");
        }
    }

    #[test]
    fn enrolment_rules_follow_the_table() {
        let today = day("2026-11-29");
        let clashing = timetable("2026-12-01", "2026-12-20", &[Mon], Period::Daytime);
        let evening = timetable("2026-12-01", "2026-12-20", &[Mon], Period::Evening);
        let mut full = target(&[]);
        full.status = SessionStatus::Full;
        let mut running = target(&[]);
        running.status = SessionStatus::Running;
        let mut draft = target(&[]);
        draft.course_status = CourseStatus::Draft;
        let cases: Vec<(&str, EnrolTarget, Vec<AssistanceCategory>, Vec<HeldEntry>, Day, Result<(), EnrolRefusal>)> = vec![
            ("anyone, open", target(&[]), vec![], vec![], today, Ok(())),
            ("full takes the waitlist", full, vec![], vec![], today, Ok(())),
            ("running", running, vec![], vec![], today, Err(EnrolRefusal::SessionNotOpen(SessionStatus::Running))),
            ("draft course", draft, vec![], vec![], today, Err(EnrolRefusal::CourseNotPublished(CourseStatus::Draft))),
            ("on the deadline", target(&[]), vec![], vec![], day("2026-12-06"), Ok(())),
            ("after the deadline", target(&[]), vec![], vec![], day("2026-12-07"), Err(EnrolRefusal::Closed { deadline: day("2026-12-06") })),
            ("eligible", target(&[Dibao, Tekun]), vec![Tekun], vec![], today, Ok(())),
            ("not eligible", target(&[Dibao, Tekun]), vec![], vec![], today, Err(EnrolRefusal::NotEligible { categories: vec![Dibao, Tekun] })),
            ("already there", target(&[]), vec![], vec![held(1, EnrolmentStatus::Waitlisted, evening.clone())], today, Err(EnrolRefusal::AlreadyEnrolled)),
            ("clash", target(&[]), vec![], vec![held(2, EnrolmentStatus::Enrolled, clashing.clone())], today, Err(EnrolRefusal::Clash { session_id: 2 })),
            ("waitlisted elsewhere is no clash", target(&[]), vec![], vec![held(2, EnrolmentStatus::Waitlisted, clashing)], today, Ok(())),
            ("evening elsewhere is no clash", target(&[]), vec![], vec![held(3, EnrolmentStatus::Enrolled, evening)], today, Ok(())),
        ];
        for (name, t, verified, held, today, want) in cases {
            assert_eq!(check_enrolment(&t, &verified, &held, today), want, "{name}");
        }
    }
}
