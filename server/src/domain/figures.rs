//! The rules of the figures staff report: which months a report covers,
//! which areas it breaks a region into, and when a job counts as a result of
//! training. No I/O; today comes in as an argument.

use doorstep_shared::api::RegionLevel;
use doorstep_shared::types::{Day, RegionCode, YearMonth};

use super::FieldErrors;

/// The longest report: ten years of months.
pub const MAX_REPORT_MONTHS: i64 = 120;

/// A job counts as a result of training when it starts on or after the
/// certificate's issue day and within this many months of it.
pub const PLACEMENT_WINDOW_MONTHS: u32 = 6;

/// The months a report covers, first and last inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub from: YearMonth,
    pub to: YearMonth,
}

impl ReportPeriod {
    /// Parses `from` and `to` (`YYYY-MM`); without `to` the period ends this
    /// month, without `from` it is the twelve months up to `to`.
    pub fn parse(from: Option<&str>, to: Option<&str>, today: Day) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut month = |field: &str, raw: Option<&str>| match raw.map(YearMonth::parse) {
            Some(Err(e)) => {
                errors.add(field, e);
                None
            }
            Some(Ok(m)) => Some(m),
            None => None,
        };
        let (given_from, given_to) = (month("from", from), month("to", to));
        if !errors.0.is_empty() {
            return Err(errors);
        }
        let to = given_to.unwrap_or_else(|| YearMonth::of(today));
        let from = given_from.unwrap_or_else(|| to.plus(-11));
        let span = from.months_until(to);
        if span < 0 {
            errors.add("from", format!("from ({from}) must not be after to ({to})"));
        } else if span >= MAX_REPORT_MONTHS {
            errors.add("from", format!("a report covers at most {MAX_REPORT_MONTHS} months"));
        }
        if !errors.0.is_empty() {
            return Err(errors);
        }
        Ok(Self { from, to })
    }

    /// The first day counted.
    pub fn first_day(&self) -> Day {
        self.from.first_day()
    }

    /// The first day after the period (days counted are before it).
    pub fn end(&self) -> Day {
        self.to.plus(1).first_day()
    }

    /// Every month of the period, in order.
    pub fn months(&self) -> Vec<YearMonth> {
        let n = i32::try_from(self.from.months_until(self.to)).unwrap_or(0);
        (0..=n).map(|i| self.from.plus(i)).collect()
    }
}

/// The level a report breaks `region` into: its children (a city's counties,
/// a county's towns, a town's villages; everywhere's provinces); a village
/// stays one area.
pub fn area_level(region: Option<&RegionCode>) -> RegionLevel {
    match region.map(RegionCode::level) {
        None => RegionLevel::Province,
        Some(RegionLevel::Province) => RegionLevel::City,
        Some(RegionLevel::City) => RegionLevel::County,
        Some(RegionLevel::County) => RegionLevel::Town,
        Some(RegionLevel::Town | RegionLevel::Village) => RegionLevel::Village,
    }
}

/// The area at `level` a record kept under `code` is counted in: its
/// ancestor at that level, or the code itself when it lies higher (a session
/// held county-wide, in a report by town).
pub fn area_of(code: &RegionCode, level: RegionLevel) -> RegionCode {
    code.ancestor_at(level).unwrap_or_else(|| code.clone())
}

/// Tells whether a job starting on `start` counts as a result of a
/// certificate issued on `issued_on`: not before it, and at most
/// `PLACEMENT_WINDOW_MONTHS` months after it.
pub fn placed_after_training(issued_on: Day, start: Day) -> bool {
    start >= issued_on && start <= issued_on.plus_months(PLACEMENT_WINDOW_MONTHS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("valid day")
    }

    #[test]
    fn a_period_defaults_to_the_year_up_to_this_month() {
        let period = ReportPeriod::parse(None, None, day("2026-11-29")).expect("valid");
        assert_eq!((period.from.to_string(), period.to.to_string()), ("2025-12".into(), "2026-11".into()));
        assert_eq!(period.months().len(), 12);
        assert_eq!((period.first_day().to_string(), period.end().to_string()), ("2025-12-01".into(), "2026-12-01".into()));
        let given = ReportPeriod::parse(Some("2026-03"), Some("2026-05"), day("2026-11-29")).expect("valid");
        assert_eq!(given.months().iter().map(ToString::to_string).collect::<Vec<_>>(), ["2026-03", "2026-04", "2026-05"]);
    }

    #[test]
    fn bad_periods_name_their_field() {
        let today = day("2026-11-29");
        let cases = [
            (Some("2026-13"), None, "from"),
            (None, Some("11/2026"), "to"),
            (Some("2026-06"), Some("2026-05"), "from"),
            (Some("2000-01"), Some("2026-05"), "from"),
        ];
        for (from, to, field) in cases {
            let errors = ReportPeriod::parse(from, to, today).expect_err("refused");
            assert_eq!(errors.0.iter().map(|(f, _)| f.as_str()).collect::<Vec<_>>(), [field], "{from:?} {to:?}");
        }
    }

    #[test]
    fn areas_are_the_children_of_the_region() {
        let code = |s: &str| RegionCode::parse(s).expect("code");
        assert_eq!(area_level(None), RegionLevel::Province);
        assert_eq!(area_level(Some(&code("6109"))), RegionLevel::County);
        assert_eq!(area_level(Some(&code("610902"))), RegionLevel::Town);
        assert_eq!(area_level(Some(&code("610902001"))), RegionLevel::Village);
        assert_eq!(area_of(&code("610902001002"), RegionLevel::Town), code("610902001"));
        assert_eq!(area_of(&code("610921"), RegionLevel::Town), code("610921"));
    }

    #[test]
    fn a_job_counts_from_the_issue_day_to_six_months_after() {
        let issued = day("2026-01-31");
        let cases = [("2026-01-30", false), ("2026-01-31", true), ("2026-07-31", true), ("2026-08-01", false), ("2026-08-31", false)];
        for (start, counted) in cases {
            assert_eq!(placed_after_training(issued, day(start)), counted, "{start}");
        }
    }
}
