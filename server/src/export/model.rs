//! The typed report every export is made of: a title, what it covers (period,
//! jurisdiction), who made it and when, and sheets of typed columns. Reports
//! are built from the same DTOs and storage lists the JSON API returns (one
//! file per report beside this one); the writers (`xlsx`, `csv`) know nothing
//! of any report. Money stays integer fen here; only a writer turns it into
//! yuan, at the cell.

use doorstep_shared::api::RegionRef;
use doorstep_shared::types::{Day, YearMonth};

/// The key of the 说明 sheet every report has.
pub const ABOUT: &str = "about";

/// What a column holds; every cell of it is of this kind or empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    /// Integer fen, shown as yuan with two decimals.
    Money,
    Date,
    Month,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// Fen.
    Money(i64),
    Date(Day),
    Month(YearMonth),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    pub fn int(n: impl Into<i64>) -> Self {
        Self::Integer(n.into())
    }

    /// 是 or 否.
    pub fn yes_no(b: bool) -> Self {
        Self::text(if b { "是" } else { "否" })
    }

    /// The kind this cell fits; `None` for an empty cell, which fits any.
    pub fn kind(&self) -> Option<Kind> {
        match self {
            Self::Empty => None,
            Self::Text(_) => Some(Kind::Text),
            Self::Integer(_) => Some(Kind::Integer),
            Self::Money(_) => Some(Kind::Money),
            Self::Date(_) => Some(Kind::Date),
            Self::Month(_) => Some(Kind::Month),
        }
    }
}

/// A column: its Chinese header and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header_zh: &'static str,
    pub kind: Kind,
}

/// One breakdown: a table with a stable ASCII `key` (the `sheet` parameter)
/// and an Excel-safe Chinese name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub key: String,
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Whether rows name people (an export of it is audited).
    pub personal: bool,
}

impl Sheet {
    /// An empty sheet of these (header, kind) columns; `name` is made Excel-safe.
    pub fn new(key: impl Into<String>, name: &str, columns: &[(&'static str, Kind)]) -> Self {
        let columns = columns.iter().map(|&(header_zh, kind)| Column { header_zh, kind }).collect();
        Self { key: key.into(), name: excel_sheet_name(name), columns, rows: Vec::new(), personal: false }
    }

    /// Marks the sheet as naming people.
    pub fn personal(mut self) -> Self {
        self.personal = true;
        self
    }

    /// Appends a row; each cell must fit its column (a programming error otherwise).
    pub fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.columns.len(), "sheet {}: row width", self.key);
        debug_assert!(
            cells.iter().zip(&self.columns).all(|(c, col)| c.kind().is_none_or(|k| k == col.kind)),
            "sheet {}: a cell does not fit its column: {cells:?}",
            self.key
        );
        self.rows.push(cells);
    }
}

/// Who made a report, and when (Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub at: i64,
    pub by: String,
}

/// A whole report: what it covers, who made it, its breakdowns in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Chinese title, also the start of the file name: 培训统计.
    pub title: &'static str,
    /// ASCII stand-in for the title in the fallback file name: `training-figures`.
    pub slug: &'static str,
    /// The months counted; `None` for a list as it stands when made.
    pub period: Option<(YearMonth, YearMonth)>,
    /// The region covered; `None` for everywhere.
    pub jurisdiction: Option<RegionRef>,
    pub generated: Stamp,
    pub sheets: Vec<Sheet>,
}

impl Report {
    /// 统计期间 as people read it.
    pub fn period_text(&self) -> String {
        match self.period {
            Some((from, to)) => format!("{}年{}月至{}年{}月", from.year(), from.month(), to.year(), to.month()),
            None => "截至生成时间的全部记录".to_string(),
        }
    }

    /// 管辖范围 as people read it: the name and the official code.
    pub fn jurisdiction_text(&self) -> String {
        match &self.jurisdiction {
            Some(r) => format!("{}（{}）", r.name, r.official_code),
            None => "全部地区".to_string(),
        }
    }

    /// Keeps only the sheet named by `key` (every sheet when `None`, none
    /// but the 说明 sheet for `about`); the error lists the keys there are.
    pub fn select(mut self, key: Option<&str>) -> Result<Self, String> {
        let Some(key) = key else { return Ok(self) };
        if key == ABOUT {
            self.sheets.clear();
            return Ok(self);
        }
        let Some(i) = self.sheets.iter().position(|s| s.key == key) else {
            let keys: Vec<&str> = [ABOUT].into_iter().chain(self.sheets.iter().map(|s| s.key.as_str())).collect();
            return Err(format!("unknown sheet {key:?}; this report has {}", keys.join(", ")));
        };
        self.sheets = vec![self.sheets.swap_remove(i)];
        Ok(self)
    }

    /// Whether any sheet names people.
    pub fn personal(&self) -> bool {
        self.sheets.iter().any(|s| s.personal)
    }

    /// The 说明 sheet every XLSX opens with: what the report covers, who made it, when.
    pub fn about(&self) -> Sheet {
        let mut about = Sheet::new(ABOUT, "说明", &[("项目", Kind::Text), ("内容", Kind::Text)]);
        let at = self.generated.at;
        let made = format!("{} {:02}:{:02}（北京时间）", Day::in_china_at(at), china_seconds_of_day(at) / 3600, china_seconds_of_day(at) / 60 % 60);
        for (item, value) in [
            ("报表", self.title.to_string()),
            ("统计期间", self.period_text()),
            ("管辖范围", self.jurisdiction_text()),
            ("生成时间", made),
            ("生成人", self.generated.by.clone()),
        ] {
            about.row(vec![Cell::text(item), Cell::Text(value)]);
        }
        about
    }
}

fn china_seconds_of_day(unix_secs: i64) -> i64 {
    (unix_secs + 8 * 3600).rem_euclid(86_400)
}

/// A name Excel accepts for a sheet: none of `[]:*?/\`, no apostrophe at
/// either end, not empty, at most 31 characters.
pub fn excel_sheet_name(raw: &str) -> String {
    let cleaned: String = raw.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).take(31).collect();
    let trimmed = cleaned.trim_matches('\'');
    if trimmed.is_empty() {
        "Sheet".to_string()
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_lose_what_excel_refuses_and_stay_within_31_characters() {
        assert_eq!(excel_sheet_name("报名/按地区"), "报名_按地区");
        assert_eq!(excel_sheet_name("'[a]:*?\\'"), "_a_____");
        assert_eq!(excel_sheet_name("''"), "Sheet");
        let long = "培".repeat(40);
        assert_eq!(excel_sheet_name(&long).chars().count(), 31);
    }

    #[test]
    fn select_keeps_one_sheet_or_names_the_ones_there_are() {
        let report = Report {
            title: "测试",
            slug: "test",
            period: None,
            jurisdiction: None,
            generated: Stamp { at: 0, by: "张三".into() },
            sheets: vec![Sheet::new("a", "甲", &[]), Sheet::new("b", "乙", &[]).personal()],
        };
        assert!(report.personal());
        let one = report.clone().select(Some("a")).expect("a exists");
        assert_eq!((one.sheets.len(), one.personal()), (1, false));
        assert!(report.clone().select(Some(ABOUT)).expect("about exists").sheets.is_empty());
        assert_eq!(report.select(Some("c")).expect_err("no c"), "unknown sheet \"c\"; this report has about, a, b");
    }

    #[test]
    fn the_about_sheet_states_period_jurisdiction_and_time_in_china() {
        let from = YearMonth::parse("2026-03").expect("month");
        let to = YearMonth::parse("2026-05").expect("month");
        let hanbin = RegionRef { code: "610902".into(), official_code: "610902".into(), name: "汉滨区".into() };
        // 2026-05-31 16:30 UTC is 2026-06-01 00:30 in Beijing.
        let at = Day::parse("2026-05-31").expect("day").unix_days() * 86_400 + 16 * 3600 + 30 * 60;
        let report = Report {
            title: "培训统计",
            slug: "t",
            period: Some((from, to)),
            jurisdiction: Some(hanbin),
            generated: Stamp { at, by: "李四".into() },
            sheets: vec![],
        };
        let about = report.about();
        let texts: Vec<String> = about.rows.iter().map(|r| format!("{:?}", r[1])).collect();
        assert_eq!(
            texts,
            ["Text(\"培训统计\")", "Text(\"2026年3月至2026年5月\")", "Text(\"汉滨区（610902）\")", "Text(\"2026-06-01 00:30（北京时间）\")", "Text(\"李四\")"]
        );
    }
}
