//! Reading exports back as a person's spreadsheet program would: an XLSX
//! through calamine (cells with their types), a CSV through the csv crate
//! (after its byte-order mark), the download's name from Content-Disposition,
//! and the audit log as an administrator reads it.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use doorstep_shared::types::Day;
use percent_encoding::percent_decode_str;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{body, Client};

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const CSV_TYPE: &str = "text/csv; charset=utf-8";

/// A downloaded file: its Content-Type, its two names and its bytes.
pub struct Download {
    pub content_type: String,
    /// `filename`: the ASCII fallback.
    pub ascii_name: String,
    /// `filename*`, decoded: the UTF-8 name.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// GETs `path`, expecting a file.
pub async fn download(client: &Client, path: &str) -> Download {
    let res = client.get(path).await;
    let status = res.status();
    let header = |name| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let (content_type, disposition) = (header(CONTENT_TYPE), header(CONTENT_DISPOSITION));
    let bytes = res.bytes().await.expect("body").to_vec();
    assert_eq!(status, StatusCode::OK, "{path}: {}", String::from_utf8_lossy(&bytes));
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let ascii_name = disposition.split("filename=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_else(|| panic!("no filename: {disposition}"));
    let encoded =
        disposition.split("filename*=UTF-8''").nth(1).map(|r| r.split(';').next().unwrap_or(r)).unwrap_or_else(|| panic!("no filename*: {disposition}"));
    let name = percent_decode_str(encoded).decode_utf8().expect("utf-8 name").to_string();
    Download { content_type, ascii_name: ascii_name.to_string(), name, bytes }
}

/// Every sheet of a workbook, in order: name and rows of cells.
pub fn workbook(bytes: &[u8]) -> Vec<(String, Vec<Vec<Data>>)> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        sheets.push((name, range.rows().map(<[Data]>::to_vec).collect()));
    }
    sheets
}

/// The rows of the sheet called `name`, header included.
pub fn sheet<'a>(book: &'a [(String, Vec<Vec<Data>>)], name: &str) -> &'a [Vec<Data>] {
    book.iter().find(|(n, _)| n == name).map_or_else(|| panic!("no sheet {name}"), |(_, rows)| rows.as_slice())
}

/// The 说明 sheet as item → text.
pub fn about(book: &[(String, Vec<Vec<Data>>)]) -> BTreeMap<String, String> {
    sheet(book, "说明").iter().skip(1).map(|r| (text(&r[0]), text(&r[1]))).collect()
}

/// A text cell's text.
pub fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        other => panic!("expected a text cell, got {other:?}"),
    }
}

/// A number cell's value (never text that looks like a number).
pub fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number cell, got {other:?}"),
    }
}

/// A date cell as `YYYY-MM-DD` (never text that looks like a date).
pub fn date(cell: &Data) -> String {
    match cell {
        Data::DateTime(d) => Day::from_unix_days(d.as_f64() as i64 - 25_569).to_string(),
        other => panic!("expected a date cell, got {other:?}"),
    }
}

/// A CSV file's rows, header included; it must start with a UTF-8 byte-order mark.
pub fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM first, so Excel reads UTF-8");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
    reader.records().map(|r| r.expect("a csv record").iter().map(String::from).collect()).collect()
}

/// The newest audit entries, as an administrator reads them.
pub async fn audit_entries(admin: &Client) -> Vec<Value> {
    body(admin.get("/api/v1/audit?per_page=200").await).await["items"].as_array().expect("items").clone()
}

/// The audit entries whose action is an export.
pub async fn export_entries(admin: &Client) -> Vec<Value> {
    audit_entries(admin).await.into_iter().filter(|e| e["action"].as_str().is_some_and(|a| a.contains(".export"))).collect()
}
