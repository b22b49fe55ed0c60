//! Calendar months, the grain of the figures staff report upward: written
//! `YYYY-MM` in query strings, JSON and on screen.

use core::fmt;

use serde::{Deserialize, Serialize};

use super::Day;

/// Names one calendar month; held as months since January of the year 0
/// (year × 12 + month − 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, example = "2026-11"))]
#[serde(try_from = "String", into = "String")]
pub struct YearMonth(i32);

impl YearMonth {
    /// Parses `YYYY-MM` (surrounding blanks allowed).
    pub fn parse(raw: &str) -> Result<Self, String> {
        let bad = || format!("{raw:?} is not a month like 2026-11");
        let s = raw.trim();
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
            return Err(bad());
        }
        let year: i32 = s[..4].parse().map_err(|_| bad())?;
        let month: i32 = s[5..].parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Self(year * 12 + month - 1))
    }

    /// The month a day falls in.
    pub fn of(day: Day) -> Self {
        Self(day.year() * 12 + i32::from(day.month()) - 1)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The month of the year, 1 to 12.
    pub fn month(self) -> u8 {
        // rem_euclid(12) + 1 is 1..=12, so the cast cannot truncate.
        (self.0.rem_euclid(12) + 1) as u8
    }

    /// The month's first day (the calendar's last day far outside it).
    pub fn first_day(self) -> Day {
        Day::first_of_month(self.year(), self.month()).unwrap_or_else(|| Day::from_unix_days(if self.0 < 0 { i64::MIN / 2 } else { i64::MAX / 2 }))
    }

    /// The month `months` later (earlier when negative).
    pub fn plus(self, months: i32) -> Self {
        Self(self.0.saturating_add(months))
    }

    /// Months from `self` to `later` (0 for the same month; negative when `later` is earlier).
    pub fn months_until(self, later: Self) -> i64 {
        i64::from(later.0) - i64::from(self.0)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl TryFrom<String> for YearMonth {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<YearMonth> for String {
    fn from(month: YearMonth) -> Self {
        month.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_round_trip_and_count() {
        let nov = YearMonth::parse("2026-11").expect("valid");
        assert_eq!(nov.to_string(), "2026-11");
        assert_eq!(nov.first_day().to_string(), "2026-11-01");
        assert_eq!(nov.plus(2).to_string(), "2027-01");
        assert_eq!(nov.plus(-11).to_string(), "2025-12");
        assert_eq!(nov.months_until(YearMonth::parse("2027-02").expect("valid")), 3);
        assert_eq!(YearMonth::of(Day::parse("2026-02-28").expect("valid")).to_string(), "2026-02");
        assert_eq!(serde_json::to_string(&nov).expect("serialises"), "\"2026-11\"");
        assert_eq!(serde_json::from_str::<YearMonth>("\"2026-11\"").expect("parses"), nov);
    }

    #[test]
    fn malformed_months_are_rejected() {
        for s in ["2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "", "+026-11", "2026-+1"] {
            assert!(YearMonth::parse(s).is_err(), "accepted {s}");
        }
    }
}
