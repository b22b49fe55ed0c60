//! The breakdowns every figures report shares: by area, by month and by
//! assistance category, each a key column (or two) followed by the report's
//! own value columns, so a report file lists only what is its own.

use doorstep_shared::api::{AssistanceCategory, PlacementKind, RegionRef};
use doorstep_shared::types::YearMonth;

use super::model::{Cell, Kind, Sheet};
use crate::domain::category_names;

/// A sheet with `keys` columns first, then `values`.
fn keyed(key: impl Into<String>, name: &str, keys: &[(&'static str, Kind)], values: &[(&'static str, Kind)]) -> Sheet {
    let columns: Vec<(&'static str, Kind)> = keys.iter().chain(values).copied().collect();
    Sheet::new(key, name, &columns)
}

/// One row per area: 地区, 区划代码 (official, 12 digits), then the values.
pub fn area_sheet<'a>(
    key: impl Into<String>,
    name: &str,
    values: &[(&'static str, Kind)],
    rows: impl IntoIterator<Item = (&'a RegionRef, Vec<Cell>)>,
) -> Sheet {
    let mut sheet = keyed(key, name, &[("地区", Kind::Text), ("区划代码", Kind::Text)], values);
    for (area, cells) in rows {
        sheet.row([vec![Cell::text(&area.name), Cell::text(&area.official_code)], cells].concat());
    }
    sheet
}

/// One row per month: 月份 (a date cell), then the values.
pub fn month_sheet(key: impl Into<String>, name: &str, values: &[(&'static str, Kind)], rows: impl IntoIterator<Item = (YearMonth, Vec<Cell>)>) -> Sheet {
    let mut sheet = keyed(key, name, &[("月份", Kind::Month)], values);
    for (month, cells) in rows {
        sheet.row([vec![Cell::Month(month)], cells].concat());
    }
    sheet
}

/// One row per assistance category, `None` last: 救助类别, then the values.
pub fn category_sheet(
    key: impl Into<String>,
    name: &str,
    values: &[(&'static str, Kind)],
    rows: impl IntoIterator<Item = (Option<AssistanceCategory>, Vec<Cell>)>,
) -> Sheet {
    let mut sheet = keyed(key, name, &[("救助类别", Kind::Text)], values);
    for (category, cells) in rows {
        sheet.row([vec![Cell::text(category_name(category))], cells].concat());
    }
    sheet
}

/// The Chinese name of a category; `None`: people with no verified one.
pub fn category_name(category: Option<AssistanceCategory>) -> &'static str {
    category.map_or("无已核实类别", |c| category_names(c).0)
}

/// The Chinese name of a placement's kind.
pub fn kind_name(kind: PlacementKind) -> &'static str {
    match kind {
        PlacementKind::Nearby => "家门口就业",
        PlacementKind::Transfer => "转移就业",
    }
}
