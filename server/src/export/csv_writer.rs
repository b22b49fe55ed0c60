//! One sheet of a report as CSV: UTF-8 with a byte-order mark (so Excel
//! reads the Chinese right), the header row first and nothing above it, so the
//! file stays a plain table for any program. What the file covers is in its
//! name and in the report's `about` sheet (`sheet=about`). Text that a
//! spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab or carriage
//! return first) is written with a leading apostrophe; numbers are plain.

use anyhow::Context;

use super::model::{Cell, Sheet};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The sheet's bytes.
pub fn to_csv(sheet: &Sheet) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(BOM.to_vec());
    out.write_record(sheet.columns.iter().map(|c| neutralised(c.header_zh))).context("csv header")?;
    for row in &sheet.rows {
        out.write_record(row.iter().map(field)).context("csv row")?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("finish csv: {}", e.error()))
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => neutralised(s),
        Cell::Integer(n) => n.to_string(),
        Cell::Money(fen) => yuan_text(*fen),
        Cell::Date(day) => day.to_string(),
        Cell::Month(month) => month.to_string(),
    }
}

/// Fen as exact yuan text: `-12.05`.
pub fn yuan_text(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Text a spreadsheet will show as text, never run as a formula.
fn neutralised(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::model::Kind;
    use doorstep_shared::types::{Day, YearMonth};

    #[test]
    fn a_sheet_is_bom_header_and_rows_with_formulas_neutralised() {
        let mut sheet =
            Sheet::new("x", "x", &[("名称", Kind::Text), ("数量", Kind::Integer), ("金额（元）", Kind::Money), ("日期", Kind::Date), ("月份", Kind::Month)]);
        let day = Day::parse("2026-03-27").expect("day");
        let month = YearMonth::parse("2026-03").expect("month");
        sheet.row(vec![Cell::text("=HYPERLINK(\"http://x\")"), Cell::int(-3), Cell::Money(-1205), Cell::Date(day), Cell::Month(month)]);
        sheet.row(vec![Cell::text("@SUM(A1)"), Cell::Empty, Cell::Money(7), Cell::Empty, Cell::Empty]);
        sheet.row(vec![Cell::text("+86 139"), Cell::int(0), Cell::Money(100_000_000), Cell::Empty, Cell::Empty]);
        sheet.row(vec![Cell::text("-5"), Cell::int(1), Cell::Money(0), Cell::Empty, Cell::Empty]);

        let bytes = to_csv(&sheet).expect("csv");

        assert_eq!(&bytes[..3], BOM);
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "名称,数量,金额（元）,日期,月份",
                "\"'=HYPERLINK(\"\"http://x\"\")\",-3,-12.05,2026-03-27,2026-03",
                "'@SUM(A1),,0.07,,",
                "'+86 139,0,1000000.00,,",
                "'-5,1,0.00,,",
            ]
        );
    }
}
