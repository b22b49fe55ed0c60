//! Minifies the JavaScript every first visit downloads — wasm-bindgen's glue
//! and the split loader — with esbuild (from npm, `npm_tool`): 1.8 KB less
//! brotli on every first visit, measured. Syntax is left as written (no
//! `--target`), so nothing the browsers run changes but names and spacing;
//! exports and the wasm imports' property names are kept. The comments go
//! too, among them the loader's list, above each shared chunk, of every lazy
//! group that needs it, which grows with each group.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::cmd::{self, Paths};
use crate::npm_tool;

/// The esbuild release the site is built with.
const ESBUILD_VERSION: &str = "0.24.2";

/// Minifies each ES module in `files` in place; leaves them as they are
/// (after a warning) when esbuild is unavailable.
pub fn minify(paths: &Paths, files: &[&Path]) -> Result<()> {
    let Some(esbuild) = npm_tool::ensure(paths, "esbuild", ESBUILD_VERSION, "esbuild")? else {
        return Ok(());
    };
    for file in files {
        let minified = file.with_extension("min.js");
        cmd::run(Command::new(&esbuild).arg(file).args(["--minify", "--format=esm", "--log-level=warning"]).arg(format!("--outfile={}", minified.display())))?;
        fs::rename(&minified, file).with_context(|| format!("replacing {}", file.display()))?;
    }
    Ok(())
}
