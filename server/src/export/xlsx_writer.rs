//! A report as an XLSX workbook: the 说明 sheet first, then one sheet per
//! breakdown, a bold frozen header row on each. Numbers are number cells,
//! money a number in yuan with two decimals, days and months real date cells;
//! text is always written as a string cell, so text that looks like a formula
//! (`=HYPERLINK(…)`) is never one.

use anyhow::Context;
use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet};

use super::model::{Cell, Kind, Report, Sheet};

/// Excel's serial number of 1970-01-01 (its day 0 is 1899-12-30).
const UNIX_EPOCH_SERIAL: f64 = 25_569.0;

/// The formats of a workbook, made once.
struct Formats {
    header: Format,
    money: Format,
    date: Format,
    month: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold(),
            money: Format::new().set_num_format("#,##0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            month: Format::new().set_num_format("yyyy-mm"),
        }
    }
}

/// The workbook's bytes.
pub fn to_xlsx(report: &Report) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(report.title).set_author(&report.generated.by));
    let formats = Formats::new();
    write_sheet(workbook.add_worksheet(), &report.about(), &formats)?;
    for sheet in &report.sheets {
        write_sheet(workbook.add_worksheet(), sheet, &formats)?;
    }
    workbook.save_to_buffer().context("write xlsx")
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet, formats: &Formats) -> anyhow::Result<()> {
    ws.set_name(&sheet.name).with_context(|| format!("sheet name {:?}", sheet.name))?;
    for (col, column) in (0u16..).zip(&sheet.columns) {
        ws.write_string_with_format(0, col, column.header_zh, &formats.header)?;
        ws.set_column_width(col, width(column.header_zh, column.kind))?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (row, cells) in (1u32..).zip(&sheet.rows) {
        for (col, cell) in (0u16..).zip(cells) {
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(row, col, within_cell_limit(s))?;
                }
                Cell::Integer(n) => {
                    // Counts and ids stay far below 2^53: exact as f64.
                    ws.write_number(row, col, *n as f64)?;
                }
                Cell::Money(fen) => {
                    ws.write_number_with_format(row, col, yuan(*fen), &formats.money)?;
                }
                Cell::Date(day) => {
                    ws.write_number_with_format(row, col, UNIX_EPOCH_SERIAL + day.unix_days() as f64, &formats.date)?;
                }
                Cell::Month(month) => {
                    ws.write_number_with_format(row, col, UNIX_EPOCH_SERIAL + month.first_day().unix_days() as f64, &formats.month)?;
                }
            }
        }
    }
    Ok(())
}

/// The most characters an Excel cell holds.
const CELL_CHARS: usize = 32_767;

/// `s`, cut to what a cell holds (no text we export comes near it; a cut is
/// better than no file).
fn within_cell_limit(s: &str) -> &str {
    match s.char_indices().nth(CELL_CHARS) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

/// Fen as yuan: the nearest double to the two-decimal amount.
fn yuan(fen: i64) -> f64 {
    fen as f64 / 100.0
}

/// A column wide enough for its header (a Chinese character is two units wide) and its kind.
fn width(header: &str, kind: Kind) -> f64 {
    let header: usize = header.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    let least = match kind {
        Kind::Text => 16,
        Kind::Integer => 8,
        Kind::Money => 14,
        Kind::Date => 12,
        Kind::Month => 10,
    };
    (header.max(least) + 2) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::model::Stamp;

    #[test]
    fn a_report_makes_a_workbook_and_money_is_exact_to_the_fen() {
        let mut sheet = Sheet::new("x", "收入", &[("地区", Kind::Text), ("收入（元）", Kind::Money)]);
        sheet.row(vec![Cell::text("=1+1"), Cell::Money(1_000_003)]);
        let report =
            Report { title: "销售统计", slug: "s", period: None, jurisdiction: None, generated: Stamp { at: 0, by: "王五".into() }, sheets: vec![sheet] };
        let bytes = to_xlsx(&report).expect("workbook");
        assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip");
        assert_eq!(format!("{:.2}", yuan(1_000_003)), "10000.03");
        assert_eq!(yuan(-5), -0.05);
    }

    #[test]
    fn text_longer_than_a_cell_holds_is_cut_not_refused() {
        let long = "长".repeat(CELL_CHARS + 10);
        assert_eq!(within_cell_limit(&long).chars().count(), CELL_CHARS);
        assert_eq!(within_cell_limit("短"), "短");
        let mut sheet = Sheet::new("x", "x", &[("备注", Kind::Text)]);
        sheet.row(vec![Cell::Text(long)]);
        let report = Report { title: "x", slug: "x", period: None, jurisdiction: None, generated: Stamp { at: 0, by: "x".into() }, sheets: vec![sheet] };
        assert!(to_xlsx(&report).is_ok());
    }
}
