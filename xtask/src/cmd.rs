//! Where things are (workspace root, target directory) and how child
//! processes are run: from the workspace root, inheriting stdout/stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

/// The directories every task works in, all absolute.
pub struct Paths {
    /// The workspace root, holding the root `Cargo.toml`.
    pub root: PathBuf,
    /// Cargo's target directory.
    pub target: PathBuf,
}

impl Paths {
    /// Finds the workspace root (the parent of this crate) and the target directory.
    pub fn discover() -> Result<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().context("xtask's manifest directory has no parent")?.to_path_buf();
        // Honour CARGO_TARGET_DIR like cargo does: relative to where we were started.
        // Children then get the absolute path, since they run from the root.
        let target = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) => std::env::current_dir().context("reading the current directory")?.join(dir),
            None => root.join("target"),
        };
        Ok(Self { root, target })
    }

    /// The static site that the server serves.
    pub fn site(&self) -> PathBuf {
        self.target.join("site")
    }

    /// A `cargo` command run from the workspace root, using the same cargo that runs us.
    pub fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command.current_dir(&self.root).env("CARGO_TARGET_DIR", &self.target);
        command
    }
}

/// Runs a command to completion and fails unless it succeeded.
pub fn run(command: &mut Command) -> Result<()> {
    let status = command.status().with_context(|| format!("starting {}", describe(command)))?;
    if !status.success() {
        bail!("{} failed ({status})", describe(command));
    }
    Ok(())
}

/// Runs a command to completion and returns its exit code, so `cargo xtask`
/// fails exactly when the test run or the server does.
pub fn exit_code_of(command: &mut Command) -> Result<ExitCode> {
    let status = command.status().with_context(|| format!("starting {}", describe(command)))?;
    // A child killed by a signal has no code; report plain failure.
    let code = status.code().unwrap_or(1);
    Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
}

/// Renders a command for error messages.
pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    format!("`{text}`")
}
