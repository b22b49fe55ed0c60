//! Spreadsheet imports (issue 13 part 4): people rosters and postings lists
//! as staff keep them (CSV or XLSX, Chinese headers in their common
//! variants), every row checked by the rules of the forms, a per-row report,
//! valid rows written in batches of one transaction each, and an error sheet
//! of the rows left out. The file reader is `domain::read_table`, shared
//! with the region-points import.

mod cells;
mod context;
mod people;
mod postings;
mod run;
mod service;
mod sheet;

pub use run::ImportOptions;
pub use service::{ImportError, Imported, Importer};
pub use sheet::{BadRow, ErrorSheet};
