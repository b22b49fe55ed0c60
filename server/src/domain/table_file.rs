//! The one reader of uploaded tables (region points, people rosters,
//! postings): CSV in UTF-8 (with or without a BOM) or GBK/GB18030 as Excel
//! on a Chinese Windows saves it, or a spreadsheet (XLSX, XLS, ODS: the first
//! sheet). Cells keep whether the spreadsheet held a number, so a caller can
//! tell an ID-card number Excel turned into 6.10902E+17 from one typed as
//! text; rows keep the number the sheet shows. The header row is found by
//! its column names (any of a column's names, spaces, `*` marks and
//! full-width brackets ignored) within the first rows, so a title row above
//! it does no harm.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader};
use doorstep_shared::types::Day;

/// One cell: text as written, or a number as a spreadsheet stored it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as text: a whole number without a fraction (a phone number
    /// stored as a number reads as its digits).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Self::Text(s) => Cow::Borrowed(s.trim()),
            Self::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Cow::Owned(format!("{n:.0}")),
            Self::Number(n) => Cow::Owned(n.to_string()),
        }
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, Self::Text(s) if s.trim().is_empty())
    }
}

/// A data row and the row number a spreadsheet program shows for it.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl TableRow {
    /// The cell in column `at`, blank past the row's end.
    pub fn cell(&self, at: usize) -> &Cell {
        static BLANK: Cell = Cell::Text(String::new());
        self.cells.get(at).unwrap_or(&BLANK)
    }
}

/// A column a table must or may have, under any of its names.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The names staff write; the first is used in messages.
    pub names: &'static [&'static str],
    pub required: bool,
}

/// The header row found, and the rows under it.
#[derive(Debug)]
pub struct Located {
    /// Per spec: the column's position and its header as written.
    pub columns: Vec<Option<(usize, String)>>,
    /// Every header cell as written (for an error sheet).
    pub header: Vec<String>,
    /// The non-blank data rows.
    pub rows: Vec<TableRow>,
}

/// How many rows above the header (titles, notes) are looked past.
const HEADER_SEARCH_ROWS: usize = 10;

/// Reads a file and finds its header; Err says why the file is unusable.
pub fn read_table(bytes: &[u8], specs: &[ColumnSpec]) -> Result<Located, String> {
    let rows = read_rows(bytes)?;
    let expected = || specs.iter().filter(|s| s.required).map(|s| s.names[0]).collect::<Vec<_>>().join(", ");
    let first =
        rows.iter().position(|r| !r.cells.iter().all(Cell::is_blank)).ok_or_else(|| format!("the file is empty; expected a header row: {}", expected()))?;
    for at in first..rows.len().min(first + HEADER_SEARCH_ROWS) {
        let header: Vec<String> = rows[at].cells.iter().map(|c| c.text().trim_start_matches('\u{feff}').trim().to_string()).collect();
        let columns: Vec<Option<(usize, String)>> = specs.iter().map(|s| find_column(&header, s.names)).collect();
        if specs.iter().zip(&columns).all(|(s, c)| !s.required || c.is_some()) {
            let data = rows.into_iter().skip(at + 1).filter(|r| !r.cells.iter().all(Cell::is_blank)).collect();
            return Ok(Located { columns, header, rows: data });
        }
    }
    let found: Vec<String> = rows[first].cells.iter().map(|c| c.text().into_owned()).filter(|t| !t.is_empty()).collect();
    let header: Vec<String> = rows[first].cells.iter().map(|c| c.text().into_owned()).collect();
    let missing: Vec<&str> = specs.iter().filter(|s| s.required && find_column(&header, s.names).is_none()).map(|s| s.names[0]).collect();
    Err(format!("no {} column in the header (found: {}); expected: {}", missing.join(", "), found.join(", "), expected()))
}

fn find_column(header: &[String], names: &[&str]) -> Option<(usize, String)> {
    let at = header.iter().position(|h| {
        let h = normalise_header(h);
        names.iter().any(|n| h.eq_ignore_ascii_case(&normalise_header(n)))
    })?;
    Some((at, header[at].clone()))
}

/// `* 身份证号码` and `身份证\n号码` are both 身份证号码; （） are ().
fn normalise_header(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '\u{feff}' | ':' | '：'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => c,
        })
        .collect()
}

/// Every row with its sheet row number.
fn read_rows(bytes: &[u8]) -> Result<Vec<TableRow>, String> {
    // XLSX and ODS are zip files; XLS is an OLE compound file.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| format!("cannot read the spreadsheet: {e}"))?;
        let sheet = book.worksheet_range_at(0).ok_or("the spreadsheet has no sheet")?.map_err(|e| format!("cannot read the first sheet: {e}"))?;
        // The range starts at the first used cell; a sheet's rows count from 1.
        let top = sheet.start().map_or(0, |(row, _)| row);
        let rows = sheet.rows().enumerate().map(|(i, r)| TableRow { number: sheet_row(top, i), cells: r.iter().map(cell_of).collect() });
        return Ok(rows.collect());
    }
    let text = decode_text(bytes)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    // A quoted cell may span lines, and blank lines are skipped: the row a
    // viewer shows is the line the record starts on, counted from its offset.
    let (mut line, mut counted) = (1, 0);
    for record in reader.records() {
        let record = record.map_err(|e| format!("bad csv: {e}"))?;
        let mut start = record.position().map_or(counted, |p| usize::try_from(p.byte()).unwrap_or(counted)).clamp(counted, text.len());
        // The reader's position is before the blank lines it skipped.
        while matches!(text.as_bytes().get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        line += text.as_bytes()[counted..start].iter().filter(|&&b| b == b'\n').count();
        counted = start;
        out.push(TableRow { number: u32::try_from(line).unwrap_or(u32::MAX), cells: record.iter().map(|s| Cell::Text(s.to_string())).collect() });
    }
    Ok(out)
}

fn sheet_row(top: u32, index: usize) -> u32 {
    top.saturating_add(u32::try_from(index).unwrap_or(u32::MAX)).saturating_add(1)
}

/// UTF-8, else GB18030 (a superset of GBK): what Excel writes for "CSV" on a Chinese Windows.
fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err("the file is neither a spreadsheet nor CSV in UTF-8 or GBK (save it as CSV UTF-8 or XLSX)".into());
    }
    Ok(text)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.into()),
        // Excel counts days from 1899-12-30; the Unix epoch is its day 25569.
        Data::DateTime(d) if d.is_datetime() => Cell::Text(Day::from_unix_days(d.as_f64().floor() as i64 - 25_569).to_string()),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
        Data::Empty => Cell::Text(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ColumnSpec] =
        &[ColumnSpec { names: &["姓名", "名字"], required: true }, ColumnSpec { names: &["身份证号", "公民身份号码"], required: true }];

    #[test]
    fn a_title_row_above_the_header_is_passed_over_and_row_numbers_stay_the_sheets() {
        let csv = "\u{feff}汉滨区低保人员花名册,,\n,,\n序号,名字,\"* 公民身份\n号码\"\n1,王秀英,x\n\n2,李四,y\n";
        let located = read_table(csv.as_bytes(), SPECS).expect("reads");
        assert_eq!(located.columns[0], Some((1, "名字".into())));
        assert_eq!(located.columns[1].as_ref().map(|c| c.0), Some(2));
        let numbers: Vec<u32> = located.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![5, 7], "the header spans lines 3 and 4; the blank row 6 is skipped");
    }

    #[test]
    fn gbk_csv_is_decoded_and_garbage_refused() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,身份证号\n王秀英,1\n");
        let located = read_table(&gbk, SPECS).expect("gbk reads");
        assert_eq!(located.rows[0].cell(0).text(), "王秀英");
        assert!(read_table(&[0xff, 0xfe, 0x00], SPECS).is_err());
        let missing = read_table("姓名,电话\n".as_bytes(), SPECS).expect_err("no id column");
        assert!(missing.contains("身份证号"), "{missing}");
    }

    #[test]
    fn number_cells_read_as_whole_numbers() {
        assert_eq!(Cell::Number(13800001234.0).text(), "13800001234");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
        assert!(Cell::Text("  ".into()).is_blank());
    }
}
