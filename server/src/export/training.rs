//! The training figures as a report, from the very `TrainingFigures` the JSON
//! API returns: a summary, then each figure by course, area, month and
//! category, and the certified people placed within six months by area.
//! No personal data: counts only.

use doorstep_shared::api::{TrainingBreakdown, TrainingFigures};

use super::model::{Cell, Kind, Report, Sheet, Stamp};
use super::parts::{area_sheet, category_sheet, month_sheet};

/// The report of `f`, made by `stamp`.
pub fn training_report(f: &TrainingFigures, stamp: Stamp) -> Report {
    let mut summary = Sheet::new(
        "summary",
        "汇总",
        &[
            ("报名人次", Kind::Integer),
            ("结业人次", Kind::Integer),
            ("证书数", Kind::Integer),
            ("获证人数", Kind::Integer),
            ("六个月内就业人数", Kind::Integer),
        ],
    );
    summary.row(vec![
        Cell::int(f.enrolments.total),
        Cell::int(f.completions.total),
        Cell::int(f.certificates.total),
        Cell::int(f.placed.certified),
        Cell::int(f.placed.placed),
    ]);
    let mut sheets = vec![summary];
    for (figure, prefix, b, unit) in [
        ("enrolments", "报名", &f.enrolments, "报名人次"),
        ("completions", "结业", &f.completions, "结业人次"),
        ("certificates", "发证", &f.certificates, "证书数"),
    ] {
        sheets.extend(breakdown_sheets(figure, prefix, b, unit));
    }
    let placed = [("获证人数", Kind::Integer), ("六个月内就业人数", Kind::Integer)];
    sheets.push(area_sheet(
        "placed_by_area",
        "培训后就业-按地区",
        &placed,
        f.placed.by_area.iter().map(|a| (&a.area, vec![Cell::int(a.certified), Cell::int(a.placed)])),
    ));
    Report { title: "培训统计", slug: "training-figures", period: Some((f.from, f.to)), jurisdiction: f.region.clone(), generated: stamp, sheets }
}

/// One figure's four breakdowns: `{figure}_by_course`, `_by_area`, `_by_month`, `_by_category`.
fn breakdown_sheets(figure: &str, prefix: &str, b: &TrainingBreakdown, unit: &'static str) -> Vec<Sheet> {
    let value = [(unit, Kind::Integer)];
    let mut by_course =
        Sheet::new(format!("{figure}_by_course"), &format!("{prefix}-按课程"), &[("课程编号", Kind::Integer), ("课程", Kind::Text), (unit, Kind::Integer)]);
    for c in &b.by_course {
        by_course.row(vec![Cell::int(c.course_id), Cell::text(&c.title), Cell::int(c.count)]);
    }
    vec![
        by_course,
        area_sheet(format!("{figure}_by_area"), &format!("{prefix}-按地区"), &value, b.by_area.iter().map(|a| (&a.area, vec![Cell::int(a.count)]))),
        month_sheet(format!("{figure}_by_month"), &format!("{prefix}-按月份"), &value, b.by_month.iter().map(|m| (m.month, vec![Cell::int(m.count)]))),
        category_sheet(
            format!("{figure}_by_category"),
            &format!("{prefix}-按类别"),
            &value,
            b.by_category.iter().map(|c| (c.category, vec![Cell::int(c.count)])),
        ),
    ]
}
