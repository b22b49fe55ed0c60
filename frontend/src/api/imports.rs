//! Spreadsheet imports (`/api/v1/imports/people`, `/api/v1/imports/postings`)
//! and the address of an import's error sheet.

use doorstep_shared::api::{ImportKind, ImportReport};
use gloo_net::http::Request;

use super::client::{fetch_json, with_body, ApiError};

/// Uploads a roster or postings list (CSV or XLSX, the chosen `File` as the
/// raw body); `dry_run` checks every row and writes nothing.
pub async fn import_file(kind: ImportKind, dry_run: bool, file: wasm_bindgen::JsValue) -> Result<ImportReport, ApiError> {
    let path = format!("/api/v1/imports/{}?dry_run={dry_run}", kind.as_str());
    fetch_json(with_body(Request::post(&path), file)?).await
}

/// Where a report's error sheet downloads from (`xlsx` or `csv`): a plain
/// link, which the browser follows with the session cookie.
pub fn error_sheet_href(report_id: i64, format: &str) -> String {
    format!("/api/v1/imports/{report_id}/errors?format={format}")
}
