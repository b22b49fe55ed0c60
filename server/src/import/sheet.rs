//! The error sheet of an import: the rows left out, as the file had them,
//! with the row number first and their problems last, so staff fix them in
//! place and import the sheet again (the extra columns are ignored). CSV is
//! UTF-8 with a BOM (Excel reads Chinese then); in XLSX every cell is text,
//! so an ID-card number stays a number no spreadsheet rounds.

use anyhow::Context;
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

/// The header and the bad rows of a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ErrorSheet {
    pub header: Vec<String>,
    pub rows: Vec<BadRow>,
}

/// A row left out: its number in the file, its cells, its problems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BadRow {
    pub row: u32,
    pub cells: Vec<String>,
    pub problems: String,
}

const ROW: &str = "原行号";
const PROBLEMS: &str = "问题";

impl ErrorSheet {
    /// The lines of the sheet: header, then each bad row.
    fn lines(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        let header = std::iter::once(ROW.to_string()).chain(self.header.iter().cloned()).chain(std::iter::once(PROBLEMS.to_string())).collect();
        let rows =
            self.rows.iter().map(|r| std::iter::once(r.row.to_string()).chain(r.cells.iter().cloned()).chain(std::iter::once(r.problems.clone())).collect());
        std::iter::once(header).chain(rows)
    }

    /// The sheet as CSV, UTF-8 with a BOM; a cell a spreadsheet would take
    /// for a formula (=, @, or + and - before a non-digit) is quoted with `'`.
    pub fn to_csv(&self) -> anyhow::Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        for line in self.lines() {
            writer.write_record(line.iter().map(|cell| defused(cell).into_owned())).context("write csv row")?;
        }
        writer.into_inner().context("finish csv")
    }

    /// The sheet as XLSX, every cell text, the header bold and frozen.
    pub fn to_xlsx(&self) -> anyhow::Result<Vec<u8>> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("未导入的行").context("name sheet")?;
        let (bold, text) = (Format::new().set_bold().set_num_format("@"), Format::new().set_num_format("@"));
        for (y, line) in self.lines().enumerate() {
            let y = u32::try_from(y).context("too many rows")?;
            for (x, cell) in line.iter().enumerate() {
                let x = u16::try_from(x).context("too many columns")?;
                sheet.write_string_with_format(y, x, cell, if y == 0 { &bold } else { &text }).context("write cell")?;
            }
        }
        sheet.set_freeze_panes(1, 0).context("freeze header")?;
        book.save_to_buffer().context("save xlsx")
    }
}

fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = cell.chars();
    let risky = match (chars.next(), chars.next()) {
        (Some('=' | '@'), _) => true,
        (Some('+' | '-'), Some(next)) => !next.is_ascii_digit(),
        _ => false,
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> ErrorSheet {
        ErrorSheet {
            header: vec!["姓名".into(), "身份证号".into()],
            rows: vec![BadRow { row: 3, cells: vec!["=HYPERLINK(\"x\")".into(), "610902".into()], problems: "身份证号：无效".into() }],
        }
    }

    #[test]
    fn the_csv_starts_with_a_bom_and_defuses_formulas() {
        let csv = String::from_utf8(sheet().to_csv().expect("csv")).expect("utf-8");
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("原行号,姓名,身份证号,问题\n3,\"'=HYPERLINK(\"\"x\"\")\",610902,身份证号：无效"), "{csv}");
        assert_eq!(defused("+8613800001234"), "+8613800001234");
        assert_eq!(defused("-x"), "'-x");
    }

    #[test]
    fn the_xlsx_is_a_zip() {
        assert!(sheet().to_xlsx().expect("xlsx").starts_with(b"PK\x03\x04"));
    }
}
