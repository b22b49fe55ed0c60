//! The `doorstep` command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
