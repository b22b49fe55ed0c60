//! Exports for staff, inside their jurisdiction: each report and list as
//! XLSX or CSV, built by `crate::export` from what the JSON routes return.
//! `send` is the one way out: it picks the sheet, audits an export that names
//! people (who, what, the query string, whether full ID numbers) before any
//! byte leaves, renders off the async workers and names the file.

mod employment_records;
mod figures;
mod follow_ups;
mod lists;
mod people;
mod placements;
mod responses;

pub use employment_records::*;
pub use figures::*;
pub use follow_ups::*;
pub use people::*;
pub use placements::*;
pub use responses::*;

use actix_web::http::header::{Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue, CONTENT_TYPE};
use actix_web::{web, HttpResponse};

use crate::auth::StaffScope;
use crate::clock::now;
use crate::error::ApiError;
use crate::export::{file_name, to_csv, to_xlsx, Report, Stamp};
use crate::storage::{audit_export, Db};

/// The file asked for: `xlsx` (every sheet, the default) or `csv` (one sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

impl ExportFormat {
    /// Parses `format`; absent means XLSX.
    pub fn parse(raw: Option<&str>) -> Result<Self, ApiError> {
        match raw.map(str::trim) {
            None | Some("xlsx") => Ok(Self::Xlsx),
            Some("csv") => Ok(Self::Csv),
            Some(other) => Err(ApiError::validation("format", format!("unknown format {other:?}; use xlsx or csv"))),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Self::Xlsx => "xlsx",
            Self::Csv => "csv",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// The maker of a report: the caller, now.
pub fn stamp(scope: &StaffScope) -> Stamp {
    Stamp { at: now(), by: format!("{}（{}）", scope.user.display_name, scope.user.username) }
}

/// What the audit entry of an export that names people says besides who and when.
pub struct ExportAudit<'a> {
    /// The kind of record listed: `person`, `placement`, `sales_household`.
    pub entity: &'static str,
    pub full_ids: bool,
    /// The request's query string: the filter.
    pub query: &'a str,
}

/// Picks `sheet` (CSV: the first by default), audits the export if it names
/// people, writes it in `format` and answers it as a download.
pub async fn send(
    report: Report,
    format: ExportFormat,
    sheet: Option<&str>,
    scope: &StaffScope,
    db: &Db,
    audit: ExportAudit<'_>,
) -> Result<HttpResponse, ApiError> {
    let mut report = report.select(sheet).map_err(|e| ApiError::validation("sheet", e))?;
    if format == ExportFormat::Csv {
        report.sheets.truncate(1);
    }
    if report.personal() {
        let rows: usize = report.sheets.iter().filter(|s| s.personal).map(|s| s.rows.len()).sum();
        let detail = format!("{} {rows} rows, full id numbers: {}, query: {}", format.extension(), audit.full_ids, audit.query);
        let action = format!("{}.export{}", audit.entity, if audit.full_ids { "_full_ids" } else { "" });
        // Audit first: if the record cannot be written, nothing is exported.
        audit_export(db, scope.user.id, &action, audit.entity, &detail).await?;
    }
    let name = file_name(&report, format.extension());
    let bytes = web::block(move || match format {
        ExportFormat::Xlsx => to_xlsx(&report),
        ExportFormat::Csv => to_csv(report.sheets.first().unwrap_or(&report.about())),
    })
    .await
    .map_err(|e| anyhow::anyhow!("export worker: {e}"))??;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(name.ascii),
            DispositionParam::FilenameExt(ExtendedValue { charset: Charset::Ext("UTF-8".into()), language_tag: None, value: name.zh.into_bytes() }),
        ],
    };
    Ok(HttpResponse::Ok().insert_header((CONTENT_TYPE, format.content_type())).insert_header(disposition).body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_a_bad_one_names_the_field() {
        assert_eq!(ExportFormat::parse(None).expect("default"), ExportFormat::Xlsx);
        assert_eq!(ExportFormat::parse(Some("csv")).expect("csv"), ExportFormat::Csv);
        let refused = ExportFormat::parse(Some("pdf")).expect_err("pdf");
        assert!(matches!(&refused, ApiError::Refused { fields, .. } if fields == &["format"]), "{refused:?}");
    }
}
