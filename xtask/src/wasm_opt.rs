//! Shrinks the wasm with binaryen's `wasm-opt -Oz`. Binaryen comes from npm,
//! pinned, into `target/tools`: distribution packages (Debian's) lag far
//! behind and reject the features current rustc emits.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, Paths};

/// The binaryen release known to handle our rustc's output.
const BINARYEN_VERSION: &str = "132.0.0";

/// WebAssembly features rustc enables by default for wasm32-unknown-unknown.
/// wasm-opt rejects our module without bulk memory (`memory.copy`), and may
/// only use the others in its own output when told they are available.
const FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Sections browsers ignore; the profile may keep them for wasm-bindgen's sake.
const STRIP: &[&str] = &["--strip-debug", "--strip-producers", "--strip-target-features"];

/// Optimises `input` into `output`; returns false (after a warning) when wasm-opt is unavailable.
pub fn optimise(paths: &Paths, input: &Path, output: &Path) -> Result<bool> {
    let Some(wasm_opt) = ensure_installed(paths)? else {
        return Ok(false);
    };
    cmd::run(Command::new(wasm_opt).arg("-Oz").args(FEATURES).args(STRIP).arg(input).arg("-o").arg(output))?;
    Ok(true)
}

/// Returns the pinned wasm-opt, installing it with npm if needed; `None` without npm.
fn ensure_installed(paths: &Paths) -> Result<Option<PathBuf>> {
    let tools = paths.target.join("tools");
    let wasm_opt = tools.join("node_modules").join(".bin").join("wasm-opt");
    if wasm_opt.exists() && installed_version(&tools).as_deref() == Some(BINARYEN_VERSION) {
        return Ok(Some(wasm_opt));
    }
    fs::create_dir_all(&tools).with_context(|| format!("creating {}", tools.display()))?;
    let mut npm = Command::new("npm");
    npm.arg("install").arg("--prefix").arg(&tools).args(["--no-audit", "--no-fund", "--save-exact"]).arg(format!("binaryen@{BINARYEN_VERSION}"));
    match npm.status() {
        Ok(status) if status.success() => Ok(Some(wasm_opt)),
        Ok(status) => {
            eprintln!("xtask: warning: {} failed ({status}); skipping wasm-opt, the site will be larger", cmd::describe(&npm));
            Ok(None)
        }
        Err(error) => {
            eprintln!("xtask: warning: cannot run npm ({error}); skipping wasm-opt, the site will be larger");
            Ok(None)
        }
    }
}

/// Reads the installed binaryen version, so changing the pin reinstalls it.
fn installed_version(tools: &Path) -> Option<String> {
    let manifest = fs::read_to_string(tools.join("node_modules").join("binaryen").join("package.json")).ok()?;
    let after_key = manifest.split("\"version\"").nth(1)?;
    let value = after_key.split('"').nth(1)?;
    Some(value.to_string())
}
