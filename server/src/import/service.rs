//! The two imports, for the staff upload and `doorstep import`: a roster of
//! people (ID-card numbers sealed as the form seals them, duplicates found
//! by the blind index, an audit entry per person) and a list of postings
//! (pending review, duplicates by employer, title and place).

use doorstep_shared::api::{ImportKind, ImportProblem, ImportProblemKind as Kind, ImportReport};
use doorstep_shared::types::Day;

use super::cells::Fault;
use super::context::Context;
use super::people::{check_person_row, PeopleColumns, PEOPLE_COLUMNS};
use super::postings::{check_posting_row, EmployerNames, PostingColumns, POSTING_COLUMNS};
use super::run::{run, ImportOptions, Rows};
use super::sheet::ErrorSheet;
use crate::auth::Jurisdiction;
use crate::clock::today;
use crate::crypto::IdVault;
use crate::domain::{read_table, PostingDraft, TableRow};
use crate::reference::{RegionNames, Regions, SkillCatalog};
use crate::startup::AppState;
use crate::storage::{insert_import_report, insert_people_batch, insert_postings_batch, list_employers, live_posting_keys, people_by_blinds, Db, PersonValues};

/// Who imports, where to, and the service's reference data.
pub struct Importer<'a> {
    pub db: &'a Db,
    pub regions: &'a Regions,
    pub skills: &'a SkillCatalog,
    pub vault: &'a IdVault,
    /// The user recorded as creator (and in the audit log).
    pub actor: i64,
    /// Where the importer may register records.
    pub reach: Jurisdiction,
    pub today: Day,
}

/// Why a file was not imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as a table with the needed columns.
    #[error("{0}")]
    File(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

/// What an import found: the report and the rows left out.
pub type Imported = (ImportReport, ErrorSheet);

impl<'a> Importer<'a> {
    /// An importer on a process's state (the command line, benches), acting as `actor` within `reach`.
    pub fn on(state: &'a AppState, actor: i64, reach: Jurisdiction) -> Self {
        Self { db: &state.db, regions: &state.regions, skills: &state.skills, vault: &state.vault, actor, reach, today: today() }
    }

    /// Imports (or with `dry_run` checks) a file of `kind`.
    pub async fn import(&self, kind: ImportKind, file: &[u8], options: ImportOptions, progress: impl FnMut(u64, u64)) -> Result<Imported, ImportError> {
        match kind {
            ImportKind::People => self.people(file, options, progress).await,
            ImportKind::Postings => self.postings(file, options, progress).await,
        }
    }

    /// Imports (or with `dry_run` checks) a people roster.
    pub async fn people(&self, file: &[u8], options: ImportOptions, progress: impl FnMut(u64, u64)) -> Result<Imported, ImportError> {
        let located = read_table(file, PEOPLE_COLUMNS).map_err(ImportError::File)?;
        let columns = PeopleColumns::new(located.columns.clone()).ok_or_else(|| ImportError::File("a required column is missing".into()))?;
        let rows = PeopleRows { importer: self, columns, names: self.regions.read(RegionNames::new) };
        Ok(run(ImportKind::People, &rows, located, options, progress).await?)
    }

    /// Imports (or with `dry_run` checks) a list of postings.
    pub async fn postings(&self, file: &[u8], options: ImportOptions, progress: impl FnMut(u64, u64)) -> Result<Imported, ImportError> {
        let located = read_table(file, POSTING_COLUMNS).map_err(ImportError::File)?;
        let columns = PostingColumns::new(located.columns.clone()).ok_or_else(|| ImportError::File("a required column is missing".into()))?;
        let (employers, _) = list_employers(self.db, self.reach.prefix(), "", i64::from(u32::MAX), 0).await?;
        let mut names = EmployerNames::default();
        for e in employers {
            names.by_name.entry(e.name.trim().to_string()).or_default().push(e.id);
            names.ids.insert(e.id);
        }
        let rows = PostingRows { importer: self, columns, employers: names, names: self.regions.read(RegionNames::new) };
        Ok(run(ImportKind::Postings, &rows, located, options, progress).await?)
    }

    /// Stores the error sheet for download; the report gets its id.
    pub async fn keep(&self, (mut report, sheet): Imported) -> anyhow::Result<ImportReport> {
        report.id = insert_import_report(self.db, self.actor, report.kind, &serde_json::to_string(&sheet)?).await?;
        Ok(report)
    }

    fn checking<T>(&self, names: &RegionNames, f: impl FnOnce(&Context<'_>) -> T) -> T {
        self.regions.read(|tree| f(&Context { tree, names, skills: self.skills, reach: &self.reach, today: self.today }))
    }
}

struct PeopleRows<'a> {
    importer: &'a Importer<'a>,
    columns: PeopleColumns,
    names: RegionNames,
}

impl Rows for PeopleRows<'_> {
    type Item = PersonValues;

    fn check(&self, rows: &[TableRow]) -> anyhow::Result<Vec<Result<PersonValues, Vec<ImportProblem>>>> {
        let checked: Vec<_> = self.importer.checking(&self.names, |ctx| rows.iter().map(|row| check_person_row(row, &self.columns, ctx)).collect());
        let mut out = Vec::with_capacity(checked.len());
        for row in checked {
            out.push(match row {
                Ok(draft) => Ok(PersonValues::seal(&draft, self.importer.vault)?),
                Err(problems) => Err(problems),
            });
        }
        Ok(out)
    }

    fn key(&self, item: &PersonValues) -> String {
        item.id_blind.clone()
    }

    fn key_column(&self) -> &str {
        self.columns.id_column()
    }

    async fn on_file(&self, items: &[&PersonValues]) -> anyhow::Result<Vec<Option<Fault>>> {
        let blinds: Vec<String> = items.iter().map(|v| v.id_blind.clone()).collect();
        let found = people_by_blinds(self.importer.db, &blinds).await?;
        Ok(blinds
            .iter()
            .map(|b| {
                found.get(b).map(|region| {
                    let place = self.importer.regions.place_name(region);
                    Fault::new(
                        Kind::AlreadyExists,
                        format!("该身份证号已登记（户籍地：{place}），未重复导入"),
                        format!("already registered (home region {region})"),
                    )
                })
            })
            .collect())
    }

    async fn write(&self, items: &[PersonValues]) -> anyhow::Result<()> {
        insert_people_batch(self.importer.db, items, self.importer.actor).await.map(drop)
    }
}

struct PostingRows<'a> {
    importer: &'a Importer<'a>,
    columns: PostingColumns,
    employers: EmployerNames,
    names: RegionNames,
}

fn posting_key(employer_id: i64, title: &str, region: &str) -> String {
    format!("{employer_id}\u{1f}{title}\u{1f}{region}")
}

impl Rows for PostingRows<'_> {
    type Item = PostingDraft;

    fn check(&self, rows: &[TableRow]) -> anyhow::Result<Vec<Result<PostingDraft, Vec<ImportProblem>>>> {
        Ok(self.importer.checking(&self.names, |ctx| rows.iter().map(|row| check_posting_row(row, &self.columns, &self.employers, ctx)).collect()))
    }

    fn key(&self, item: &PostingDraft) -> String {
        posting_key(item.employer_id, &item.title, item.region.as_ref())
    }

    fn key_column(&self) -> &str {
        self.columns.title_column()
    }

    async fn on_file(&self, items: &[&PostingDraft]) -> anyhow::Result<Vec<Option<Fault>>> {
        let mut employers: Vec<i64> = items.iter().map(|p| p.employer_id).collect();
        employers.sort_unstable();
        employers.dedup();
        let live = live_posting_keys(self.importer.db, &employers).await?;
        let live: std::collections::HashSet<String> = live.iter().map(|(e, t, r)| posting_key(*e, t, r)).collect();
        Ok(items
            .iter()
            .map(|p| {
                live.contains(&self.key(p)).then(|| {
                    Fault::new(
                        Kind::AlreadyExists,
                        "该单位在此地点已有同名岗位（待审核或招聘中），未重复导入",
                        "the employer already has this posting here (pending or open)",
                    )
                })
            })
            .collect())
    }

    async fn write(&self, items: &[PostingDraft]) -> anyhow::Result<()> {
        insert_postings_batch(self.importer.db, items, self.importer.actor).await.map(drop)
    }
}
