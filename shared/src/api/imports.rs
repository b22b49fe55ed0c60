//! Spreadsheet imports (`POST /api/v1/imports/people`, `/imports/postings`):
//! the per-row report staff read, and download as an error sheet.

use serde::{Deserialize, Serialize};

/// Names what a file imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ImportKind {
    /// A roster of people (beneficiaries, job seekers).
    People,
    /// A list of job postings.
    Postings,
}

/// Names the kind of a bad row, for a client to word in its user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ImportProblemKind {
    /// A required cell is empty.
    Missing,
    /// The ID-card number is malformed or its check character is wrong.
    BadIdNumber,
    /// Excel stored the ID-card number as a number (6.10902E+17) and lost its last digits.
    IdNumberAsNumber,
    /// The phone is not an 11-digit mobile number.
    BadPhone,
    /// No county, town or village has this name or code.
    UnknownRegion,
    /// Several regions in the jurisdiction have this name; the county is needed too.
    AmbiguousRegion,
    /// The region lies outside the caller's jurisdiction.
    OutsideJurisdiction,
    /// An assistance category the service does not know.
    UnknownCategory,
    /// A skill word no skill has as name or synonym.
    UnknownSkill,
    /// The gender is unknown or disagrees with the ID-card number.
    BadGender,
    /// No employer in the jurisdiction has this name or id.
    UnknownEmployer,
    /// Any other rule: a length, a range, a date, a number.
    BadValue,
    /// An earlier row of the file has the same person (ID-card number) or posting.
    DuplicateInFile,
    /// The person (ID-card number) or the posting is already on record.
    AlreadyExists,
    /// The row was valid but its batch could not be written; nothing of the batch was kept.
    BatchFailed,
}

/// Describes one problem of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    /// Row number as a spreadsheet program shows it.
    pub row: u32,
    /// The column's header as written in the file (empty for the whole row).
    pub column: String,
    /// What kind of problem.
    pub kind: ImportProblemKind,
    /// What is wrong, in Chinese, naming the value (as the error sheet says it).
    pub message: String,
    /// The same in English.
    pub detail: String,
}

/// Reports an import: counts, and every problem by row and column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// The report's id: its error sheet is `GET /api/v1/imports/{id}/errors`.
    pub id: i64,
    /// What was imported.
    pub kind: ImportKind,
    /// Whether this was a dry run (checked, nothing written).
    pub dry_run: bool,
    /// Data rows read (blank rows are not counted).
    pub rows: u32,
    /// Rows that passed every check (a dry run's would-be imports).
    pub valid: u32,
    /// Rows written (0 on a dry run).
    pub imported: u32,
    /// Rows left out as duplicates, of an earlier row or of a record on file.
    pub duplicates: u32,
    /// Rows left out for other problems (a failed batch's rows included).
    pub errors: u32,
    /// Every problem, in row order.
    pub problems: Vec<ImportProblem>,
}
