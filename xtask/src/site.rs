//! `cargo xtask site`: compile the frontend to wasm32, generate its JS
//! bindings, shrink it, and write a cache-friendly static site to
//! `target/site`: `index.html` (never cached) naming content-hashed files
//! under `pkg/` (cached forever), so a deploy can never mix old and new halves.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::cmd::{self, Paths};
use crate::wasm_opt;

const TARGET: &str = "wasm32-unknown-unknown";
/// The cargo profile tuned for size in the root `Cargo.toml`.
const PROFILE: &str = "wasm-release";
/// The name of the generated files, before hashing.
const OUT_NAME: &str = "doorstep_frontend";

/// Builds the whole site.
pub fn build(paths: &Paths) -> Result<()> {
    let started = Instant::now();
    ensure_wasm_target(paths)?;
    cmd::run(paths.cargo().args([
        "build",
        "-p",
        "doorstep-frontend",
        "--target",
        TARGET,
        "--profile",
        PROFILE,
    ]))?;

    // A binary target keeps the package's hyphenated name.
    let compiled = paths
        .target
        .join(TARGET)
        .join(PROFILE)
        .join("doorstep-frontend.wasm");
    let staging = paths.target.join("site-build");
    bindgen(&compiled, &staging)?;

    let bindgen_wasm = staging.join(format!("{OUT_NAME}_bg.wasm"));
    let bindgen_size = file_size(&bindgen_wasm)?;
    let optimised = staging.join(format!("{OUT_NAME}_opt.wasm"));
    let final_wasm = if wasm_opt::optimise(paths, &bindgen_wasm, &optimised)? {
        optimised
    } else {
        bindgen_wasm
    };

    let wasm =
        fs::read(&final_wasm).with_context(|| format!("reading {}", final_wasm.display()))?;
    let hash = hex::encode(Sha256::digest(&wasm));
    let stem = format!("{OUT_NAME}-{}", &hash[..8]);
    write_site(paths, &staging, &stem, &wasm)?;

    let site_wasm = paths.site().join("pkg").join(format!("{stem}_bg.wasm"));
    println!("xtask: site written to {}", paths.site().display());
    println!("xtask: wasm after wasm-bindgen: {bindgen_size} bytes");
    println!(
        "xtask: wasm final: {} bytes raw, {} gzipped (-9)",
        wasm.len(),
        describe_gzip(&site_wasm)
    );
    println!(
        "xtask: site built in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Installs the wasm32 standard library if this toolchain lacks it.
fn ensure_wasm_target(paths: &Paths) -> Result<()> {
    // Run from the root so rustup honours rust-toolchain.toml.
    let listed = Command::new("rustup")
        .current_dir(&paths.root)
        .args(["target", "list", "--installed"])
        .output();
    let output = match listed {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("xtask: warning: rustup not found; assuming {TARGET} is installed");
            return Ok(());
        }
        Err(error) => return Err(error).context("running `rustup target list --installed`"),
    };
    if !output.status.success() {
        bail!(
            "`rustup target list --installed` failed ({})",
            output.status
        );
    }
    if String::from_utf8_lossy(&output.stdout)
        .lines()
        .any(|line| line.trim() == TARGET)
    {
        return Ok(());
    }
    cmd::run(
        Command::new("rustup")
            .current_dir(&paths.root)
            .args(["target", "add", TARGET]),
    )
}

/// Generates the JS glue and the matching wasm; the library version is pinned
/// to the `wasm-bindgen` crate version, which it must equal exactly.
fn bindgen(input: &Path, out_dir: &Path) -> Result<()> {
    if out_dir.exists() {
        fs::remove_dir_all(out_dir).with_context(|| format!("clearing {}", out_dir.display()))?;
    }
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(input)
        .out_name(OUT_NAME)
        .web(true)?
        .typescript(false)
        .generate(out_dir)
        .with_context(|| format!("running wasm-bindgen on {}", input.display()))
}

/// Replaces `target/site` with index.html and the hashed `pkg/` files.
fn write_site(paths: &Paths, staging: &Path, stem: &str, wasm: &[u8]) -> Result<()> {
    let site = paths.site();
    let pkg = site.join("pkg");
    // Old hashed files would otherwise pile up forever.
    if pkg.exists() {
        fs::remove_dir_all(&pkg).with_context(|| format!("removing stale {}", pkg.display()))?;
    }
    fs::create_dir_all(&pkg).with_context(|| format!("creating {}", pkg.display()))?;

    let js_name = format!("{stem}.js");
    let wasm_name = format!("{stem}_bg.wasm");
    copy(&staging.join(format!("{OUT_NAME}.js")), &pkg.join(&js_name))?;
    fs::write(pkg.join(&wasm_name), wasm).context("writing the wasm")?;
    // Inline JS from crates (`#[wasm_bindgen(inline_js)]`) is imported relative to the glue.
    let snippets = staging.join("snippets");
    if snippets.exists() {
        copy_dir(&snippets, &pkg.join("snippets"))?;
    }

    let template_path = paths.root.join("frontend").join("index.html");
    let template = fs::read_to_string(&template_path)
        .with_context(|| format!("reading {}", template_path.display()))?;
    if !template.contains("{{JS}}") || !template.contains("{{WASM}}") {
        bail!(
            "{} must contain the {{{{JS}}}} and {{{{WASM}}}} placeholders",
            template_path.display()
        );
    }
    let html = template
        .replace("{{JS}}", &js_name)
        .replace("{{WASM}}", &wasm_name);
    // Written last, so it never names files that do not exist yet.
    fs::write(site.join("index.html"), html).context("writing index.html")
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)
        .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
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

fn file_size(path: &Path) -> Result<u64> {
    Ok(fs::metadata(path)
        .with_context(|| format!("reading {}", path.display()))?
        .len())
}

/// What phones actually download; `gzip` is everywhere we build, so no extra crate.
fn describe_gzip(path: &Path) -> String {
    match gzip_size(path) {
        Ok(size) => format!("{size} bytes"),
        Err(error) => format!("unknown ({error:#})"),
    }
}

fn gzip_size(path: &Path) -> Result<usize> {
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .stdout(Stdio::piped())
        .spawn()
        .context("starting gzip")?;
    let mut compressed = Vec::new();
    child
        .stdout
        .take()
        .context("gzip has no stdout")?
        .read_to_end(&mut compressed)?;
    if !child.wait()?.success() {
        bail!("gzip failed");
    }
    Ok(compressed.len())
}
