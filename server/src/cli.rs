//! The `doorstep` command line.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};
use doorstep_shared::api::{ImportKind, ImportReport, RegionPointsReport, Role};

use crate::auth::Jurisdiction;
use crate::import::{ImportError, ImportOptions, Importer};
use crate::reference::{RegionTree, Regions};
use crate::region_points::{import_region_points, ImportPointsError};
use crate::startup::AppState;
use crate::storage::{find_user_by_username, first_admin, get_user, list_regions, Db};

#[derive(Debug, Parser)]
#[command(name = "doorstep", version, about = "Job matching for civil-affairs poverty-alleviation work")]
pub struct Cli {
    /// Settings file (TOML); missing is fine, the defaults serve a demo.
    #[arg(long, global = true, default_value = "doorstep.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations, seed the demo into an empty database (unless disabled), serve HTTP (default).
    Serve,
    /// Apply pending migrations and load the shipped regions and skills.
    Migrate,
    /// Rebuild the postings search index from the database.
    Reindex,
    /// Fill an empty database with the Ankang demo (people, employers, logins).
    SeedDemo,
    /// Create a user account.
    CreateUser {
        #[arg(long, value_parser = ["admin", "staff", "employer", "seeker"])]
        role: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        /// Name shown in the interface (default: the username).
        #[arg(long)]
        display_name: Option<String>,
        /// Staff only: the region (city, county or town code) they govern.
        #[arg(long)]
        region: Option<String>,
        /// Employer users only: the employer they act for.
        #[arg(long)]
        employer: Option<i64>,
        /// Seekers only: their record in the people registry.
        #[arg(long)]
        person: Option<i64>,
    },
    /// Copy the SQLite database to FILE while the server runs (consistent, online).
    Backup { file: PathBuf },
    /// Replace the SQLite database with the copy in FILE; the server must be stopped.
    Restore { file: PathBuf },
    /// Load data from a file.
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Push new matching postings to every seeking person (inbox and SMS outbox).
    Push {
        /// Only people at home in this region (code); default everywhere.
        #[arg(long)]
        region: Option<String>,
        /// New postings per person, 1 to 20.
        #[arg(long, default_value_t = 3)]
        top_k: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Set real region points from a gazetteer: CSV (UTF-8) or XLSX with the
    /// columns code, lat, lon, datum (or 区划代码, 纬度, 经度, 坐标系); codes in
    /// any official form, datum wgs84 (default) or gcj02. Bad rows are
    /// reported and left out; the good ones are written in one transaction.
    /// A server already running takes them within half a minute.
    RegionPoints { file: PathBuf },
    /// Register the people of a roster: CSV (UTF-8 or GBK) or XLSX with the
    /// columns 姓名, 身份证号 (公民身份号码), 联系电话 (手机号), 户籍地 (所在村,
    /// 住址: a name or a code) and optionally 县区, 乡镇, 性别, 类别, 技能,
    /// 残疾等级, 同意推荐. Valid rows are written in batches of 500, one
    /// transaction each; duplicates and bad rows are reported.
    People(ImportFile),
    /// Create the postings of a list, pending review: 单位名称, 岗位名称,
    /// 工作地点, 招聘人数, 月薪 and optionally 技能要求, 用工形式, 有效期至,
    /// 岗位描述, 包吃住, 体力要求, 无障碍.
    Postings(ImportFile),
}

/// A roster or postings file and how to import it.
#[derive(Debug, clap::Args)]
pub struct ImportFile {
    pub file: PathBuf,
    /// Check every row and report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import only into this region (code); default the acting account's
    /// jurisdiction (an admin's: everywhere).
    #[arg(long)]
    pub region: Option<String>,
    /// The staff or admin account recorded as creator and in the audit log; default the first admin.
    #[arg(long = "as", value_name = "USERNAME")]
    pub user: Option<String>,
    /// Also write the rows left out, with their problems, to this file (.xlsx or .csv).
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
}

/// `doorstep import people|postings FILE`: the same checks and batches as
/// the staff upload, acting as `--as` (default the first admin) within
/// `--region`; `progress` hears (rows done, rows in all).
pub async fn import_rows(state: &AppState, kind: ImportKind, args: &ImportFile, progress: impl FnMut(u64, u64)) -> anyhow::Result<ImportReport> {
    let bytes = std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?;
    let actor = match &args.user {
        Some(name) => find_user_by_username(&state.db, name).await?.with_context(|| format!("no account {name}"))?,
        None => {
            let id = first_admin(&state.db).await?.context("no admin account: create one with doorstep create-user --role admin")?;
            get_user(&state.db, id).await?
        }
    };
    anyhow::ensure!(matches!(actor.role, Role::Admin | Role::Staff), "{} is not a staff or admin account", actor.username);
    let reach = match (&args.region, actor.region_code) {
        (Some(raw), _) => Jurisdiction::within(state.regions.read(|t| t.resolve(raw)).map_err(anyhow::Error::msg)?),
        (None, Some(region)) if actor.role == Role::Staff => Jurisdiction::within(region),
        (None, _) => Jurisdiction::everywhere(),
    };
    let (report, sheet) = match Importer::on(state, actor.id, reach).import(kind, &bytes, ImportOptions::new(args.dry_run), progress).await {
        Ok(imported) => imported,
        Err(ImportError::File(message)) => anyhow::bail!("{}: {message}", args.file.display()),
        Err(ImportError::Unexpected(e)) => return Err(e),
    };
    if let Some(out) = &args.errors {
        let csv = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        let bytes = if csv { sheet.to_csv()? } else { sheet.to_xlsx()? };
        std::fs::write(out, bytes).with_context(|| format!("cannot write {}", out.display()))?;
    }
    Ok(report)
}

/// An import's report as lines for a terminal: each problem, then the counts.
pub fn describe_import(report: &ImportReport) -> String {
    let mut out = String::new();
    for p in &report.problems {
        let column = if p.column.is_empty() { String::new() } else { format!("，{}", p.column) };
        out.push_str(&format!("第 {} 行{column}：{}\n", p.row, p.message));
    }
    let verb = if report.dry_run { "would be imported (dry run, nothing written)" } else { "imported" };
    out.push_str(&format!(
        "{} rows read: {} valid, {} {verb}, {} duplicates, {} with errors\n",
        report.rows,
        report.valid,
        if report.dry_run { report.valid } else { report.imported },
        report.duplicates,
        report.errors
    ));
    out
}

/// `doorstep import region-points FILE`: the same reader and checks as the
/// staff upload, with every region allowed.
pub async fn import_region_points_file(db: &Db, file: &Path) -> anyhow::Result<RegionPointsReport> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let regions = Regions::new(RegionTree::new(list_regions(db).await?));
    match import_region_points(db, &regions, &bytes, |_| true).await {
        Ok(report) => Ok(report),
        Err(ImportPointsError::File(message)) => anyhow::bail!("{}: {message}", file.display()),
        Err(ImportPointsError::Unexpected(e)) => Err(e),
    }
}

/// The report as lines for a terminal: each problem, then the summary.
pub fn describe_report(report: &RegionPointsReport) -> String {
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&format!("row {}, column {}: {}\n", p.row, p.column, p.problem));
    }
    out.push_str(&format!("{} rows read, {} region points set, {} rows with problems\n", report.rows, report.applied, report.problems.len()));
    out
}
