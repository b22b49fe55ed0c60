//! Shrinks the wasm with binaryen's `wasm-opt -Oz` (from npm, `npm_tool`).

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use crate::cmd::{self, Paths};
use crate::npm_tool;

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
    let Some(wasm_opt) = npm_tool::ensure(paths, "binaryen", BINARYEN_VERSION, "wasm-opt")? else {
        return Ok(false);
    };
    cmd::run(Command::new(wasm_opt).arg("-Oz").args(FEATURES).args(STRIP).arg(input).arg("-o").arg(output))?;
    Ok(true)
}
