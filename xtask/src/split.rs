//! Turns the compiled frontend into a main module plus one module per lazy
//! route: `wasm_split_cli_support` cuts the raw wasm at every `#[lazy_route]`
//! (it needs the linker's relocations, hence `--emit-relocs`), then
//! wasm-bindgen generates the JS glue for the main module, and `bindings`
//! trims what it wrote. The chunks and `__wasm_split.js`, the loader the
//! main module imports, sit beside it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};

use crate::bindings;
use crate::cmd::{self, Paths};

const TARGET: &str = "wasm32-unknown-unknown";
/// The cargo profile tuned for size in the root `Cargo.toml`.
const PROFILE: &str = "wasm-release";
/// Relocations for the splitter; `erase_components` makes every Leptos
/// component return a type-erased view, which trims the nested view types
/// that dominate the module (5 % smaller first visit, measured).
const RUSTFLAGS: &str = "-Clink-args=--emit-relocs --cfg erase_components";
/// The name of the generated glue and main module, before hashing.
pub const OUT_NAME: &str = "doorstep_frontend";

/// What the split wrote.
pub struct Split {
    /// Every `.wasm` in the output directory: the main module and the chunks.
    pub modules: Vec<PathBuf>,
    /// Each lazy route's module stem, and the stems of every module its first use fetches.
    pub routes: BTreeMap<String, Vec<String>>,
}

/// Compiles the frontend and writes the split, bound modules into `out_dir`
/// (emptied first).
pub fn build(paths: &Paths, out_dir: &Path) -> Result<Split> {
    // These flags change every artefact, so they get their own target dir:
    // `cargo check` and clippy for wasm32 elsewhere keep their builds.
    let target_dir = paths.target.join("wasm-split");
    cmd::run(
        paths
            .cargo()
            .env("CARGO_TARGET_DIR", &target_dir)
            .env("RUSTFLAGS", RUSTFLAGS)
            .args(["build", "--lib", "-p", "doorstep-frontend", "--target", TARGET])
            .args(["--profile", PROFILE]),
    )?;
    let compiled = target_dir.join(TARGET).join(PROFILE).join(format!("{OUT_NAME}.wasm"));
    let bytes = fs::read(&compiled).with_context(|| format!("reading {}", compiled.display()))?;

    if out_dir.exists() {
        fs::remove_dir_all(out_dir).with_context(|| format!("clearing {}", out_dir.display()))?;
    }
    fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let split_main = paths.target.join(format!("{OUT_NAME}_split.wasm"));
    let main_module = format!("./{OUT_NAME}.js");
    let mut options = wasm_split_cli_support::Options::new(&bytes);
    options.output_dir = out_dir;
    options.main_out_path = &split_main;
    options.main_module = &main_module;
    options.link_name = "./__wasm_split.js";
    let split =
        wasm_split_cli_support::transform(options).map_err(|error| anyhow!("{error:#}")).with_context(|| format!("splitting {}", compiled.display()))?;

    // The library's default drops the module path a bare `init()` needs.
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&split_main)
        .out_name(OUT_NAME)
        .web(true)?
        .typescript(false)
        .keep_lld_exports(true)
        .demangle(false)
        .debug(false)
        .keep_debug(false)
        .omit_default_module_path(false)
        .generate(out_dir)
        .with_context(|| format!("running wasm-bindgen on {}", split_main.display()))?;
    let trimmed = bindings::trim(&out_dir.join(format!("{OUT_NAME}_bg.wasm")), &out_dir.join(format!("{OUT_NAME}.js")))?;
    println!(
        "xtask: main module: {} imports renamed short, {} dead exports dropped, {} element segments of nulls dropped",
        trimmed.renamed, trimmed.dropped, trimmed.null_segments
    );

    let mut modules = Vec::new();
    for entry in fs::read_dir(out_dir).with_context(|| format!("listing {}", out_dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "wasm") {
            modules.push(path);
        }
    }
    modules.sort();
    let routes = split.prefetch_map.into_iter().collect();
    Ok(Split { modules, routes })
}
