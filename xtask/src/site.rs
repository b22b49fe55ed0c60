//! `cargo xtask site`: compile the frontend to wasm32, split it by route,
//! generate its JS bindings, shrink every module, minify the JS, and write
//! a cache-friendly static site to `target/site`: `index.html` (never cached) naming
//! `pkg/<content hash>/` (cached forever), so a deploy can never mix old and
//! new halves, and a brotli and a gzip twin beside every file.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::cmd::{self, Paths};
use crate::compress::{self, Sizes};
use crate::minify;
use crate::split::{self, OUT_NAME};
use crate::strings;
use crate::wasm_opt;

const TARGET: &str = "wasm32-unknown-unknown";

/// Builds the whole site.
pub fn build(paths: &Paths) -> Result<()> {
    let started = Instant::now();
    ensure_wasm_target(paths)?;
    let staging = paths.target.join("site-build");
    let split = split::build(paths, &staging)?;
    for module in &split.modules {
        let optimised = module.with_extension("opt");
        if wasm_opt::optimise(paths, module, &optimised)? {
            fs::rename(&optimised, module).with_context(|| format!("replacing {}", module.display()))?;
        }
    }
    let glue = staging.join(format!("{OUT_NAME}.js"));
    minify::minify(paths, &[&glue, &staging.join("__wasm_split.js")])?;
    strings::write_lazy_areas(&paths.root, &staging)?;
    let stem = content_hash(&staging)?;
    write_site(paths, &staging, &stem)?;
    report(&paths.site(), &stem, &split.routes)?;
    println!("xtask: site written to {} in {:.1}s", paths.site().display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// One hash over every file's name and bytes: the build's directory under `pkg/`.
fn content_hash(dir: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    for path in compress::files(dir)? {
        let name = path.strip_prefix(dir).unwrap_or(&path);
        hasher.update(name.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(fs::read(&path).with_context(|| format!("reading {}", path.display()))?);
    }
    Ok(hex::encode(hasher.finalize())[..10].to_owned())
}

/// Prints what a first visit downloads (index.html, the glue, the loader and
/// the main module), then what a first visit to each lazy route adds: its
/// module and the shared chunks it needs, all as sent with brotli.
fn report(site: &Path, stem: &str, routes: &BTreeMap<String, Vec<String>>) -> Result<()> {
    let pkg = site.join("pkg").join(stem);
    let first = [site.join("index.html"), pkg.join(format!("{OUT_NAME}.js")), pkg.join("__wasm_split.js"), pkg.join(format!("{OUT_NAME}_bg.wasm"))];
    let mut shell = Sizes::default();
    for path in &first {
        let sizes = compress::sizes(path)?;
        println!("xtask: shell {:<34} {}", display_name(site, path), describe(&sizes));
        shell.add(&sizes);
    }
    println!("xtask: shell total {:>28} {}", "", describe(&shell));
    for (route, modules) in routes {
        let mut visit = Sizes::default();
        visit.add(&shell);
        for module in modules {
            visit.add(&compress::sizes(&pkg.join(format!("{module}.wasm")))?);
        }
        let name = route.trim_start_matches("split_").trim_start_matches('_');
        let name = name.split("_route_view").next().unwrap_or(name);
        println!("xtask: first visit to {name:<26} {}", describe(&visit));
    }
    Ok(())
}

fn display_name(site: &Path, path: &Path) -> String {
    path.strip_prefix(site).unwrap_or(path).display().to_string()
}

fn describe(sizes: &Sizes) -> String {
    format!("{:>9} raw {:>8} br {:>8} gz", sizes.raw, sizes.brotli, sizes.gzip)
}

/// Installs the wasm32 standard library if this toolchain lacks it.
fn ensure_wasm_target(paths: &Paths) -> Result<()> {
    // Run from the root so rustup honours rust-toolchain.toml.
    let listed = Command::new("rustup").current_dir(&paths.root).args(["target", "list", "--installed"]).output();
    let output = match listed {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("xtask: warning: rustup not found; assuming {TARGET} is installed");
            return Ok(());
        }
        Err(error) => return Err(error).context("running `rustup target list --installed`"),
    };
    if !output.status.success() {
        bail!("`rustup target list --installed` failed ({})", output.status);
    }
    if String::from_utf8_lossy(&output.stdout).lines().any(|line| line.trim() == TARGET) {
        return Ok(());
    }
    cmd::run(Command::new("rustup").current_dir(&paths.root).args(["target", "add", TARGET]))
}

/// Replaces `target/site` with `index.html` and `pkg/<hash>/`, then writes
/// the brotli and gzip twin of every file.
fn write_site(paths: &Paths, staging: &Path, stem: &str) -> Result<()> {
    let site = paths.site();
    let pkg = site.join("pkg");
    // Old builds would otherwise pile up forever.
    if pkg.exists() {
        fs::remove_dir_all(&pkg).with_context(|| format!("removing stale {}", pkg.display()))?;
    }
    copy_dir(staging, &pkg.join(stem))?;

    let template_path = paths.root.join("frontend").join("index.html");
    let template = fs::read_to_string(&template_path).with_context(|| format!("reading {}", template_path.display()))?;
    if !template.contains("{{JS}}") || !template.contains("{{WASM}}") {
        bail!("{} must contain the {{{{JS}}}} and {{{{WASM}}}} placeholders", template_path.display());
    }
    let html = template.replace("{{JS}}", &format!("{stem}/{OUT_NAME}.js")).replace("{{WASM}}", &format!("{stem}/{OUT_NAME}_bg.wasm"));
    let html = minify::index_html(paths, &html)?;
    compress::precompress_tree(&pkg)?;
    // Written last, so it never names files that do not exist yet.
    let index = site.join("index.html");
    fs::write(&index, html).context("writing index.html")?;
    compress::precompress(&index)?;
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to).with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("listing {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            copy(&entry.path(), &target)?;
        }
    }
    Ok(())
}
