//! Calendar days, in China's time zone (UTC+8, no daylight saving): a posting
//! "valid until 2026-12-31" is valid through that day in Ankang.
//!
//! The calendar arithmetic is the `time` crate's `Date`, without default
//! features: no clock, no formatting machinery, no time-zone database, so it
//! costs the WebAssembly bundle a few kilobytes. The one text form,
//! `YYYY-MM-DD`, is written and read here by hand.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

/// Seconds east of UTC in China.
const CHINA_OFFSET_SECS: i64 = 8 * 3600;
/// The Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN: i64 = 2_440_588;

/// Names one calendar day; written `YYYY-MM-DD` in JSON, the database and on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(value_type = String, format = Date, example = "2026-12-31"))]
pub struct Day(Date);

impl Day {
    /// Parses `YYYY-MM-DD` (surrounding blanks allowed), refusing impossible days.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let bad = || format!("{raw:?} is not a date like 2026-12-31");
        let s = raw.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let number = |range: core::ops::Range<usize>| -> Result<u16, String> {
            let part = &s[range];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let month = Month::try_from(u8::try_from(month).map_err(|_| bad())?).map_err(|_| bad())?;
        let day = u8::try_from(day).map_err(|_| bad())?;
        Date::from_calendar_date(i32::from(year), month, day).map(Self).map_err(|_| bad())
    }

    /// The first day of a month (1 to 12); `None` outside the calendar.
    pub fn first_of_month(year: i32, month: u8) -> Option<Self> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, 1).map(Self).ok()
    }

    /// The day a number of days after 1970-01-01 (negative before it).
    pub fn from_unix_days(days: i64) -> Self {
        let julian = (UNIX_EPOCH_JULIAN + days).clamp(i64::from(Date::MIN.to_julian_day()), i64::from(Date::MAX.to_julian_day()));
        // The clamp keeps the number inside the calendar's range, so this cannot fail.
        Self(Date::from_julian_day(julian as i32).unwrap_or(Date::MIN))
    }

    /// Days since 1970-01-01: what the search index stores and compares.
    pub fn unix_days(self) -> i64 {
        i64::from(self.0.to_julian_day()) - UNIX_EPOCH_JULIAN
    }

    /// The day in China at a Unix time in seconds.
    pub fn in_china_at(unix_secs: i64) -> Self {
        Self::from_unix_days((unix_secs + CHINA_OFFSET_SECS).div_euclid(86_400))
    }

    /// The day `days` later (earlier when negative).
    pub fn plus_days(self, days: i64) -> Self {
        Self::from_unix_days(self.unix_days() + days)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// The same day of the month `months` later; a day the later month lacks
    /// (the 31st, February's 29th) becomes that month's last day.
    pub fn plus_months(self, months: u32) -> Self {
        let index = i64::from(self.year()) * 12 + i64::from(self.month()) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
        let month = u8::try_from(index.rem_euclid(12) + 1).ok().and_then(|m| Month::try_from(m).ok()).unwrap_or(Month::December);
        let day = self.day().min(month.length(year));
        Date::from_calendar_date(year, month, day).map(Self).unwrap_or(self)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_through_text_and_numbers() {
        assert_eq!(Day::parse("1970-01-01").map(Day::unix_days), Ok(0));
        assert_eq!(Day::parse("2026-11-28").map(Day::unix_days), Ok(20_785));
        for n in [-1000, 0, 59, 60, 11_016, 20_785, 30_000] {
            let day = Day::from_unix_days(n);
            assert_eq!(day.unix_days(), n);
            assert_eq!(Day::parse(&day.to_string()), Ok(day));
        }
        assert_eq!(Day::parse(" 2026-01-05 ").map(|d| d.to_string()), Ok("2026-01-05".to_string()));
    }

    #[test]
    fn impossible_or_malformed_dates_are_rejected() {
        for s in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-1", "26-01-01", "2026/01/01", "", "2026-04-31", "+026-01-01", "2026-01-+1"] {
            assert!(Day::parse(s).is_err(), "accepted {s}");
        }
        assert!(Day::parse("2028-02-29").is_ok());
    }

    #[test]
    fn months_later_keep_the_day_or_take_the_month_end() {
        let cases = [
            ("2026-01-15", 1, "2026-02-15"),
            ("2026-01-31", 1, "2026-02-28"),
            ("2027-12-31", 2, "2028-02-29"),
            ("2026-08-31", 6, "2027-02-28"),
            ("2026-11-30", 3, "2027-02-28"),
            ("2026-05-05", 0, "2026-05-05"),
        ];
        for (start, months, want) in cases {
            let day = Day::parse(start).expect("valid");
            assert_eq!(day.plus_months(months).to_string(), want, "{start} + {months}");
        }
    }

    #[test]
    fn china_days_start_at_utc_four_pm() {
        // 2026-11-28 16:00:00 UTC is midnight in China, where the 29th begins.
        let midnight = 20_785 * 86_400 + 16 * 3600;
        assert_eq!(Day::in_china_at(midnight - 1).to_string(), "2026-11-28");
        assert_eq!(Day::in_china_at(midnight).to_string(), "2026-11-29");
    }

    #[test]
    fn json_is_the_plain_date_string() {
        let day = Day::parse("2026-12-31").expect("valid");
        assert_eq!(serde_json::to_string(&day).expect("serialises"), "\"2026-12-31\"");
        assert_eq!(serde_json::from_str::<Day>("\"2026-12-31\"").expect("parses"), day);
        assert!(serde_json::from_str::<Day>("\"2026-02-30\"").is_err());
        assert!(serde_json::from_str::<Day>("20261231").is_err());
    }
}
