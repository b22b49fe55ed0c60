//! The sales figures as a report, from the very `SalesFigures` the JSON API
//! returns: a summary, income by area, month and category, and income by
//! household, which names people (an export that carries it is audited).

use doorstep_shared::api::SalesFigures;

use super::model::{Cell, Kind, Report, Sheet, Stamp};
use super::parts::{area_sheet, category_sheet, month_sheet};

/// The report of `f`, made by `stamp`.
pub fn sales_report(f: &SalesFigures, stamp: Stamp) -> Report {
    let mut summary = Sheet::new("summary", "汇总", &[("农户收入（元）", Kind::Money), ("交付订单项数", Kind::Integer), ("增收户数", Kind::Integer)]);
    summary.row(vec![Cell::Money(f.income_fen), Cell::int(f.delivered_parts), Cell::int(f.households)]);
    let income_and_households = [("农户收入（元）", Kind::Money), ("增收户数", Kind::Integer)];
    let by_area = f.by_area.iter().map(|a| (&a.area, vec![Cell::Money(a.income_fen), Cell::int(a.households)]));
    let by_month = f.by_month.iter().map(|m| (m.month, vec![Cell::Money(m.income_fen)]));
    let by_category = f.by_category.iter().map(|c| (c.category, vec![Cell::Money(c.income_fen), Cell::int(c.households)]));
    let mut by_household =
        Sheet::new("by_household", "按户", &[("人员编号", Kind::Integer), ("户主", Kind::Text), ("所在地", Kind::Text), ("农户收入（元）", Kind::Money)])
            .personal();
    for h in &f.by_household {
        by_household.row(vec![Cell::int(h.person_id), Cell::text(&h.name), Cell::text(&h.region_name), Cell::Money(h.income_fen)]);
    }
    let sheets = vec![
        summary,
        area_sheet("by_area", "按地区", &income_and_households, by_area),
        month_sheet("by_month", "按月份", &[("农户收入（元）", Kind::Money)], by_month),
        category_sheet("by_category", "按类别", &income_and_households, by_category),
        by_household,
    ];
    Report { title: "消费帮扶统计", slug: "sales-figures", period: Some((f.from, f.to)), jurisdiction: f.region.clone(), generated: stamp, sheets }
}
