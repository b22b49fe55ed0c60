//! Rows into types, once. Every table's raw row (plain sqlx types) is decoded
//! here into typed fields: enums by their one spelling, days, flags, counts,
//! region and skill codes. A value the database holds that does not decode is
//! an error naming the table, the row and the column, never a silent default.

use doorstep_shared::types::{Day, RegionCode, SkillCode};

/// Decodes the columns of one row of one table.
#[derive(Debug, Clone, Copy)]
pub struct RowDecoder {
    table: &'static str,
    id: i64,
}

impl RowDecoder {
    pub fn new(table: &'static str, id: i64) -> Self {
        Self { table, id }
    }

    /// The error for a column whose value does not decode.
    pub fn corrupt(&self, column: &str, value: impl std::fmt::Debug) -> anyhow::Error {
        anyhow::anyhow!("corrupt value {value:?} in {}.{column} of row {}", self.table, self.id)
    }

    /// An enum stored as its snake_case spelling.
    pub fn spelled<T>(&self, column: &str, raw: &str, parse: fn(&str) -> Option<T>) -> anyhow::Result<T> {
        parse(raw).ok_or_else(|| self.corrupt(column, raw))
    }

    /// A comma-separated list of spelled enums ("" is empty).
    pub fn spelled_list<T>(&self, column: &str, raw: &str, parse: fn(&str) -> Option<T>) -> anyhow::Result<Vec<T>> {
        let mut out = Vec::new();
        for part in raw.split(',').filter(|p| !p.is_empty()) {
            out.push(parse(part).ok_or_else(|| self.corrupt(column, raw))?);
        }
        Ok(out)
    }

    /// A `YYYY-MM-DD` day.
    pub fn day(&self, column: &str, raw: &str) -> anyhow::Result<Day> {
        Day::parse(raw).map_err(|_| self.corrupt(column, raw))
    }

    /// A 0/1 flag (the migrations store flags as integers on both backends).
    pub fn flag(&self, column: &str, raw: i64) -> anyhow::Result<bool> {
        match raw {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(self.corrupt(column, raw)),
        }
    }

    /// A count or an amount that must fit the narrower type (wages, headcounts, years).
    pub fn number<T: TryFrom<i64>>(&self, column: &str, raw: i64) -> anyhow::Result<T> {
        T::try_from(raw).map_err(|_| self.corrupt(column, raw))
    }

    /// A region code.
    pub fn region(&self, column: &str, raw: &str) -> anyhow::Result<RegionCode> {
        RegionCode::parse(raw).map_err(|_| self.corrupt(column, raw))
    }

    /// A skill code.
    pub fn skill(&self, column: &str, raw: &str) -> anyhow::Result<SkillCode> {
        SkillCode::parse(raw).map_err(|_| self.corrupt(column, raw))
    }
}

#[cfg(test)]
mod tests {
    use doorstep_shared::api::Schedule;

    use super::*;

    #[test]
    fn good_values_decode() {
        let d = RowDecoder::new("postings", 7);
        assert_eq!(d.spelled("schedule", "part_time", Schedule::parse).ok(), Some(Schedule::PartTime));
        assert_eq!(d.spelled_list("schedules", "", Schedule::parse).ok(), Some(vec![]));
        assert_eq!(d.spelled_list("schedules", "flexible,home_based", Schedule::parse).ok(), Some(vec![Schedule::Flexible, Schedule::HomeBased]));
        assert_eq!(d.flag("accessible", 1).ok(), Some(true));
        assert_eq!(d.number::<u32>("wage_min", 3000).ok(), Some(3000));
        assert_eq!(d.day("valid_until", "2026-12-31").map(|d| d.to_string()).ok().as_deref(), Some("2026-12-31"));
    }

    #[test]
    fn a_bad_value_names_table_row_and_column() {
        let d = RowDecoder::new("postings", 7);
        let cases: Vec<(anyhow::Error, &str)> = vec![
            (d.spelled("schedule", "sometimes", Schedule::parse).expect_err("corrupt"), "\"sometimes\" in postings.schedule of row 7"),
            (d.spelled_list("schedules", "flexible,x", Schedule::parse).expect_err("corrupt"), "\"flexible,x\" in postings.schedules of row 7"),
            (d.flag("accessible", 2).expect_err("corrupt"), "2 in postings.accessible of row 7"),
            (d.number::<u32>("wage_min", -1).expect_err("corrupt"), "-1 in postings.wage_min of row 7"),
            (d.day("valid_until", "2026-02-30").expect_err("corrupt"), "\"2026-02-30\" in postings.valid_until of row 7"),
            (d.region("region_code", "61x").expect_err("corrupt"), "\"61x\" in postings.region_code of row 7"),
            (d.skill("skill_code", "缝纫").expect_err("corrupt"), "\"缝纫\" in postings.skill_code of row 7"),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), format!("corrupt value {expected}"));
        }
    }
}
