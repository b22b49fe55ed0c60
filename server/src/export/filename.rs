//! A report's download name: a Chinese one (sent RFC 5987-encoded) and an
//! ASCII fallback for clients that read only `filename`. Both say what the
//! file covers: report, region, period (or the day a list was made) and,
//! for a single breakdown, which.

use doorstep_shared::types::Day;

use super::model::Report;

/// The two names of one download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    pub zh: String,
    pub ascii: String,
}

/// The names of `report` written with extension `ext` (`xlsx`, `csv`).
pub fn file_name(report: &Report, ext: &str) -> FileName {
    let (region_zh, region_ascii) = match &report.jurisdiction {
        Some(r) => (r.name.clone(), r.code.clone()),
        None => ("全部地区".to_string(), "all".to_string()),
    };
    let (period_zh, period_ascii) = match report.period {
        Some((from, to)) => (format!("{from}至{to}"), format!("{from}_{to}")),
        None => {
            let day = Day::in_china_at(report.generated.at);
            (format!("截至{day}"), day.to_string())
        }
    };
    let mut zh = format!("{}_{region_zh}_{period_zh}", report.title);
    let mut ascii = format!("{}_{region_ascii}_{period_ascii}", report.slug);
    if let [only] = report.sheets.as_slice() {
        if only.key != report.slug {
            zh = format!("{zh}_{}", only.name);
            ascii = format!("{ascii}_{}", only.key);
        }
    }
    FileName { zh: format!("{}.{ext}", safe(&zh)), ascii: format!("{}.{ext}", ascii_only(&ascii)) }
}

/// Without the characters file systems refuse.
fn safe(s: &str) -> String {
    s.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect()
}

/// Letters, digits, `-`, `_` and `.` only.
fn ascii_only(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::model::{Sheet, Stamp};
    use doorstep_shared::api::RegionRef;
    use doorstep_shared::types::YearMonth;

    fn report(sheets: Vec<Sheet>, period: bool) -> Report {
        let month = |s| YearMonth::parse(s).expect("month");
        Report {
            title: "培训统计",
            slug: "training-figures",
            period: period.then(|| (month("2026-03"), month("2026-05"))),
            jurisdiction: Some(RegionRef { code: "610902".into(), official_code: "610902000000".into(), name: "汉滨区".into() }),
            generated: Stamp { at: 1_780_000_000, by: "x".into() },
            sheets,
        }
    }

    #[test]
    fn names_say_report_region_period_and_a_single_breakdown() {
        let two = vec![Sheet::new("summary", "汇总", &[]), Sheet::new("enrolments_by_area", "报名-按地区", &[])];
        assert_eq!(
            file_name(&report(two.clone(), true), "xlsx"),
            FileName { zh: "培训统计_汉滨区_2026-03至2026-05.xlsx".into(), ascii: "training-figures_610902_2026-03_2026-05.xlsx".into() }
        );
        let one = vec![two[1].clone()];
        assert_eq!(
            file_name(&report(one, true), "csv"),
            FileName {
                zh: "培训统计_汉滨区_2026-03至2026-05_报名-按地区.csv".into(),
                ascii: "training-figures_610902_2026-03_2026-05_enrolments_by_area.csv".into()
            }
        );
        let list = file_name(&report(vec![Sheet::new("training-figures", "x", &[])], false), "csv");
        assert_eq!(list.ascii, "training-figures_610902_2026-05-29.csv");
        assert_eq!(list.zh, "培训统计_汉滨区_截至2026-05-29.csv");
    }
}
