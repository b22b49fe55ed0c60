//! The `doorstep` command line.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};
use doorstep_shared::api::RegionPointsReport;

use crate::reference::{RegionTree, Regions};
use crate::region_points::{import_region_points, ImportPointsError};
use crate::storage::{list_regions, Db};

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
