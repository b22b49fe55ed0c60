//! The employment figures as a report, from the very `EmploymentFigures` the
//! JSON API returns: a summary (every measure, the average wage), each
//! measure by area, month and category side by side, and retention at 1, 3
//! and 6 months in all and by area; and the records behind a figure, which
//! name people (an export of them is audited).

use doorstep_shared::api::{EmploymentFigure, EmploymentFigures, EmploymentMeasure, EmploymentRecord, RegionRef};
use doorstep_shared::types::YearMonth;

use super::model::{Cell, Kind, Report, Sheet, Stamp};
use super::parts::{area_sheet, category_sheet, kind_name, month_sheet};

/// The Chinese name of a measure, as the dashboard shows it.
pub fn measure_name(measure: EmploymentMeasure) -> &'static str {
    match measure {
        EmploymentMeasure::Pushes => "推送岗位",
        EmploymentMeasure::PeopleReached => "推送覆盖人数",
        EmploymentMeasure::PeopleRecommended => "推荐就业人数",
        EmploymentMeasure::Applications => "求职申请",
        EmploymentMeasure::Referrals => "工作人员推荐",
        EmploymentMeasure::Hires => "录用",
        EmploymentMeasure::PlacedNearby => "家门口就业人数",
        EmploymentMeasure::PlacedTransfer => "转移就业人数",
    }
}

/// The report of `f`, made by `stamp`.
pub fn employment_report(f: &EmploymentFigures, stamp: Stamp) -> Report {
    let mut summary = Sheet::new("summary", "汇总", &[("指标", Kind::Text), ("数值", Kind::Integer)]);
    for figure in &f.figures {
        summary.row(vec![Cell::text(measure_name(figure.measure)), Cell::int(figure.total)]);
    }
    summary.row(vec![Cell::text("平均月工资（元）"), f.average_wage.map_or(Cell::Empty, Cell::int)]);
    let columns: Vec<(&'static str, Kind)> = f.figures.iter().map(|x| (measure_name(x.measure), Kind::Integer)).collect();
    // Every figure lists the same areas, months and categories in the same order.
    let cells = |i: usize, count: fn(&EmploymentFigure, usize) -> u32| f.figures.iter().map(|x| Cell::int(count(x, i))).collect();
    let first = f.figures.first();
    let by_area = first.map_or(&[][..], |x| &x.by_area[..]).iter().enumerate().map(|(i, a)| (&a.area, cells(i, |x, i| x.by_area[i].count)));
    let by_month = first.map_or(&[][..], |x| &x.by_month[..]).iter().enumerate().map(|(i, m)| (m.month, cells(i, |x, i| x.by_month[i].count)));
    let by_category = first.map_or(&[][..], |x| &x.by_category[..]).iter().enumerate().map(|(i, c)| (c.category, cells(i, |x, i| x.by_category[i].count)));
    let retained = [("回访月数", Kind::Integer), ("应回访", Kind::Integer), ("已回访", Kind::Integer), ("在岗", Kind::Integer)];
    let mut retention = Sheet::new("retention", "稳岗", &retained);
    for r in &f.retention {
        retention.row(vec![Cell::int(r.after_months), Cell::int(r.due), Cell::int(r.recorded), Cell::int(r.retained)]);
    }
    let retention_by_area = area_sheet(
        "retention_by_area",
        "稳岗-按地区",
        &retained,
        f.retention.iter().flat_map(|r| {
            r.by_area.iter().map(move |a| (&a.area, vec![Cell::int(r.after_months), Cell::int(a.due), Cell::int(a.recorded), Cell::int(a.retained)]))
        }),
    );
    let sheets = vec![
        summary,
        area_sheet("by_area", "按地区", &columns, by_area),
        month_sheet("by_month", "按月份", &columns, by_month),
        category_sheet("by_category", "按类别", &columns, by_category),
        retention,
        retention_by_area,
    ];
    Report { title: "就业帮扶统计", slug: "employment-figures", period: Some((f.from, f.to)), jurisdiction: f.region.clone(), generated: stamp, sheets }
}

/// The records behind one figure (each with the ID number to show) as a report.
pub fn employment_records_report(
    measure: EmploymentMeasure,
    records: &[(EmploymentRecord, String)],
    period: (YearMonth, YearMonth),
    jurisdiction: Option<RegionRef>,
    stamp: Stamp,
) -> Report {
    let mut sheet = Sheet::new(
        "records",
        measure_name(measure),
        &[
            ("人员编号", Kind::Integer),
            ("姓名", Kind::Text),
            ("身份证号", Kind::Text),
            ("当时所在地", Kind::Text),
            ("日期", Kind::Date),
            ("岗位", Kind::Text),
            ("用工单位", Kind::Text),
            ("就业方式", Kind::Text),
            ("月工资（元）", Kind::Money),
        ],
    )
    .personal();
    for (r, id_number) in records {
        sheet.row(vec![
            Cell::int(r.person_id),
            Cell::text(&r.name),
            Cell::text(id_number),
            Cell::text(&r.region.name),
            Cell::Date(r.day),
            Cell::text(&r.posting_title),
            Cell::text(&r.employer),
            r.kind.map_or(Cell::Empty, |k| Cell::text(kind_name(k))),
            r.monthly_wage.map_or(Cell::Empty, |w| Cell::Money(i64::from(w) * 100)),
        ]);
    }
    Report { title: "就业帮扶明细", slug: "employment-records", period: Some(period), jurisdiction, generated: stamp, sheets: vec![sheet] }
}
