//! Running an import, the same for people and postings: the rows go through
//! in batches; each batch is checked, its duplicates found (an earlier row
//! of the file, or a record on file), and, unless it is a dry run, its
//! valid rows written in one transaction. A batch that fails to write keeps
//! nothing and its rows are reported; the batches before it stay written.

use std::collections::HashMap;

use doorstep_shared::api::{ImportKind, ImportProblem, ImportProblemKind as Kind, ImportReport};

use super::cells::Fault;
use super::sheet::{BadRow, ErrorSheet};
use crate::domain::{Located, TableRow};

/// One kind of record a file imports.
pub(super) trait Rows {
    type Item;
    /// Checks rows; each comes back as a record ready to write, or its problems.
    fn check(&self, rows: &[TableRow]) -> anyhow::Result<Vec<Result<Self::Item, Vec<ImportProblem>>>>;
    /// What two rows describing the same record share, and the column that shows it.
    fn key(&self, item: &Self::Item) -> String;
    fn key_column(&self) -> &str;
    /// Per item: why it is on file already, or `None`.
    async fn on_file(&self, items: &[&Self::Item]) -> anyhow::Result<Vec<Option<Fault>>>;
    /// Writes items in one transaction: all or none.
    async fn write(&self, items: &[Self::Item]) -> anyhow::Result<()>;
}

/// How an import runs.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// Check every row and report; write nothing.
    pub dry_run: bool,
    /// Rows per batch (and per transaction).
    pub batch_size: usize,
}

impl ImportOptions {
    pub fn new(dry_run: bool) -> Self {
        Self { dry_run, batch_size: 500 }
    }
}

/// Runs an import of the rows of `file`; `progress` hears (rows done, rows in all) after each batch.
pub(super) async fn run<R: Rows>(
    kind: ImportKind,
    rows: &R,
    file: Located,
    options: ImportOptions,
    mut progress: impl FnMut(u64, u64),
) -> anyhow::Result<(ImportReport, ErrorSheet)> {
    let total = file.rows.len();
    let mut report =
        ImportReport { id: 0, kind, dry_run: options.dry_run, rows: count(total), valid: 0, imported: 0, duplicates: 0, errors: 0, problems: Vec::new() };
    let mut first_row: HashMap<String, u32> = HashMap::new();
    let mut done = 0;
    for batch in file.rows.chunks(options.batch_size.max(1)) {
        let mut fresh: Vec<(u32, R::Item)> = Vec::new();
        for (row, checked) in batch.iter().zip(rows.check(batch)?) {
            match checked {
                Err(problems) => report.problems.extend(problems),
                Ok(item) => match first_row.get(&rows.key(&item)) {
                    Some(first) => report.problems.push(in_file(*first).at(row.number, rows.key_column())),
                    None => {
                        first_row.insert(rows.key(&item), row.number);
                        fresh.push((row.number, item));
                    }
                },
            }
        }
        let found = rows.on_file(&fresh.iter().map(|(_, item)| item).collect::<Vec<_>>()).await?;
        let mut valid: Vec<(u32, R::Item)> = Vec::with_capacity(fresh.len());
        for ((row, item), on_file) in fresh.into_iter().zip(found) {
            match on_file {
                Some(fault) => report.problems.push(fault.at(row, rows.key_column())),
                None => valid.push((row, item)),
            }
        }
        report.valid += count(valid.len());
        if !options.dry_run && !valid.is_empty() {
            let (numbers, items): (Vec<u32>, Vec<R::Item>) = valid.into_iter().unzip();
            match rows.write(&items).await {
                Ok(()) => report.imported += count(items.len()),
                Err(e) => {
                    tracing::error!(error.cause_chain = ?e, rows = items.len(), "an import batch failed; none of it was kept");
                    report.problems.extend(numbers.into_iter().map(|row| batch_failed().at(row, "")));
                }
            }
        }
        done += batch.len();
        progress(done as u64, total as u64);
    }
    report.problems.sort_by_key(|p| p.row);
    let sheet = error_sheet(&file.header, &file.rows, &report.problems);
    let is_duplicate = |p: &ImportProblem| matches!(p.kind, Kind::DuplicateInFile | Kind::AlreadyExists);
    report.duplicates = count(sheet.rows.iter().filter(|bad| report.problems.iter().any(|p| p.row == bad.row && is_duplicate(p))).count());
    report.errors = count(sheet.rows.len()) - report.duplicates;
    Ok((report, sheet))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn in_file(first: u32) -> Fault {
    Fault::new(Kind::DuplicateInFile, format!("与第 {first} 行重复，未导入"), format!("the same as row {first}; not imported"))
}

fn batch_failed() -> Fault {
    Fault::new(
        Kind::BatchFailed,
        "本批数据写入失败，整批未导入（可能有人同时登记了其中某人）；请重新导入本文件",
        "the batch this row was in could not be written and none of it was kept (someone may have registered one of its records meanwhile); import the file again",
    )
}

/// The rows with problems, as the file had them, each with its problems in one cell.
fn error_sheet(header: &[String], rows: &[TableRow], problems: &[ImportProblem]) -> ErrorSheet {
    let mut by_row: HashMap<u32, Vec<&ImportProblem>> = HashMap::new();
    for p in problems {
        by_row.entry(p.row).or_default().push(p);
    }
    let mut bad = Vec::new();
    for row in rows {
        let Some(found) = by_row.get(&row.number) else { continue };
        let words: Vec<String> = found.iter().map(|p| if p.column.is_empty() { p.message.clone() } else { format!("{}：{}", p.column, p.message) }).collect();
        let width = header.len().max(row.cells.len());
        bad.push(BadRow { row: row.number, cells: (0..width).map(|at| row.cell(at).text().into_owned()).collect(), problems: words.join("；") });
    }
    ErrorSheet { header: header.to_vec(), rows: bad }
}
