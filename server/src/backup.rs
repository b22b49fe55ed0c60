//! `doorstep backup FILE` and `doorstep restore FILE` for a SQLite database.
//!
//! A backup is `VACUUM INTO`: one read transaction, so the copy is the
//! database as of one moment, taken while the server keeps writing (WAL
//! readers do not block writers). A restore checks the copy, then replaces
//! the database file on a stopped server and removes the search index, which
//! the next start rebuilds from the restored database. PostgreSQL is backed
//! up with `pg_dump` and restored with `pg_restore` (README).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use sqlx::{Connection, SqliteConnection};

use crate::configuration::Settings;
use crate::storage::{Backend, Db};

/// Writes a consistent copy of the live database to `file`, which must not exist yet.
pub async fn backup(db: &Db, file: &Path) -> anyhow::Result<()> {
    if db.backend() != Backend::Sqlite {
        bail!("backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)");
    }
    if file.exists() {
        bail!("{} exists already; choose a new file name", file.display());
    }
    let target = file.to_str().context("the backup path is not valid UTF-8")?;
    sqlx::query("VACUUM INTO $1").bind(target).execute(db.pool()).await.context("VACUUM INTO failed")?;
    Ok(())
}

/// The SQLite file the settings point at; an error for PostgreSQL.
fn sqlite_file(settings: &Settings) -> anyhow::Result<PathBuf> {
    let url = settings.database_url();
    let Some(rest) = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:")) else {
        bail!("restore puts back SQLite databases; for PostgreSQL use pg_restore (see the README)");
    };
    Ok(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
}

/// Replaces the database with the copy in `file`. The server must be stopped:
/// this refuses while something listens on the configured address.
pub async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    let database = sqlite_file(settings)?;
    if std::net::TcpListener::bind(&settings.bind).is_err() {
        bail!("something listens on {}; stop the server before restoring", settings.bind);
    }
    check_copy(file).await?;
    settings.ensure_data_dir()?;
    let staged = database.with_extension("db.restoring");
    std::fs::copy(file, &staged).with_context(|| format!("cannot copy {} to {}", file.display(), staged.display()))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", database.display()));
        if side.exists() {
            std::fs::remove_file(&side).with_context(|| format!("cannot remove {}", side.display()))?;
        }
    }
    std::fs::rename(&staged, &database).with_context(|| format!("cannot replace {}", database.display()))?;
    for index in [settings.index_dir(), settings.course_index_dir(), settings.product_index_dir()] {
        if index.exists() {
            std::fs::remove_dir_all(&index).with_context(|| format!("cannot remove the old index {}", index.display()))?;
        }
    }
    Ok(())
}

/// Refuses a file that is not an intact Doorstep SQLite database.
async fn check_copy(file: &Path) -> anyhow::Result<()> {
    let url = format!("sqlite://{}?mode=ro", file.display());
    let mut conn = SqliteConnection::connect(&url).await.with_context(|| format!("cannot open {}", file.display()))?;
    let (verdict,): (String,) = sqlx::query_as("PRAGMA integrity_check").fetch_one(&mut conn).await.context("integrity check")?;
    if verdict != "ok" {
        bail!("{} is damaged: {verdict}", file.display());
    }
    let (tables,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('people', 'postings', 'change_feed')")
        .fetch_one(&mut conn)
        .await
        .context("read the copy's tables")?;
    if tables != 3 {
        bail!("{} is not a Doorstep database", file.display());
    }
    conn.close().await.context("close the copy")?;
    Ok(())
}
