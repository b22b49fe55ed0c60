//! Build tools that come from npm, pinned, into `target/tools`: binaryen's
//! `wasm-opt` and `esbuild`. Distribution packages lag far behind (Debian's
//! binaryen rejects the features current rustc emits), and npm is already
//! needed for the phone profile.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, Paths};

/// Returns the pinned `package@version`'s executable `bin`, installing it
/// with npm if needed; `None` (after a warning) without npm, for the caller
/// to skip a step that only makes the site smaller.
pub fn ensure(paths: &Paths, package: &str, version: &str, bin: &str) -> Result<Option<PathBuf>> {
    let tools = paths.target.join("tools");
    let executable = tools.join("node_modules").join(".bin").join(bin);
    if executable.exists() && installed_version(&tools, package).as_deref() == Some(version) {
        return Ok(Some(executable));
    }
    fs::create_dir_all(&tools).with_context(|| format!("creating {}", tools.display()))?;
    let mut npm = Command::new("npm");
    npm.arg("install").arg("--prefix").arg(&tools).args(["--no-audit", "--no-fund", "--save-exact"]).arg(format!("{package}@{version}"));
    match npm.status() {
        Ok(status) if status.success() => Ok(Some(executable)),
        Ok(status) => {
            eprintln!("xtask: warning: {} failed ({status}); skipping {bin}, the site will be larger", cmd::describe(&npm));
            Ok(None)
        }
        Err(error) => {
            eprintln!("xtask: warning: cannot run npm ({error}); skipping {bin}, the site will be larger");
            Ok(None)
        }
    }
}

/// Reads an installed package's version, so changing a pin reinstalls it.
fn installed_version(tools: &Path, package: &str) -> Option<String> {
    let manifest = fs::read_to_string(tools.join("node_modules").join(package).join("package.json")).ok()?;
    let after_key = manifest.split("\"version\"").nth(1)?;
    let value = after_key.split('"').nth(1)?;
    Some(value.to_string())
}
