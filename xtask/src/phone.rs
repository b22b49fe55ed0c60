//! `cargo xtask phone [--url URL] [script args…]`: the phone profile. A Node
//! script (`xtask/phone/phone.mjs`, puppeteer-core driving the system
//! Chromium over the DevTools protocol) loads the public pages throttled
//! like a cheap phone on a weak signal and prints a table for BENCHMARKS.md.
//! Its packages are pinned in `xtask/phone/package-lock.json` and installed
//! with `npm ci` into `target/tools/phone`, where the script runs from.
//!
//! Without `--url` it measures this checkout: it builds the site and the
//! release server, serves them on a free loopback port from a temporary data
//! directory (the server seeds the Ankang demo into the empty database), and
//! stops the server afterwards.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::cmd::{self, Paths};
use crate::served::Server;

/// The files the script needs beside its `node_modules`.
const SCRIPT_FILES: &[&str] = &["phone.mjs", "package.json", "package-lock.json"];

/// How long the server may take to migrate, seed the demo and listen.
const STARTUP: Duration = Duration::from_secs(180);

/// Runs the profile against `--url`, or against this checkout served locally.
pub fn run(paths: &Paths, args: &[String]) -> Result<ExitCode> {
    let (url, script_args) = split_url(args)?;
    let script = install(paths)?;
    if let Some(url) = url {
        return measure(&script, &url, &script_args);
    }
    let data_dir = std::env::temp_dir().join(format!("doorstep-phone-{}", std::process::id()));
    fs::create_dir_all(&data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
    let env = [("DOORSTEP_SEED_DEMO", "true"), ("DOORSTEP_LOG_LEVEL", "warn")];
    let server = Server::start(crate::release_server(paths)?, data_dir, &env, STARTUP)?;
    measure(&script, &server.url, &script_args)
}

/// Takes `--url URL` out of the arguments; the rest go to the script.
fn split_url(args: &[String]) -> Result<(Option<String>, Vec<String>)> {
    let mut url = None;
    let mut rest = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--url" {
            url = Some(args.next().context("--url needs a value")?.clone());
        } else {
            rest.push(arg.clone());
        }
    }
    Ok((url, rest))
}

/// Copies the script into `target/tools/phone` and runs `npm ci` there when
/// the lock file changed; returns the script's path.
fn install(paths: &Paths) -> Result<PathBuf> {
    let source = paths.root.join("xtask").join("phone");
    let tools = paths.target.join("tools").join("phone");
    fs::create_dir_all(&tools).with_context(|| format!("creating {}", tools.display()))?;
    let lock = fs::read(source.join("package-lock.json")).context("reading xtask/phone/package-lock.json")?;
    let installed = tools.join("node_modules").join(".package-lock.json").exists();
    let current = installed && fs::read(tools.join("package-lock.json")).ok() == Some(lock);
    for name in SCRIPT_FILES {
        fs::copy(source.join(name), tools.join(name)).with_context(|| format!("copying xtask/phone/{name} to {}", tools.display()))?;
    }
    if !current {
        cmd::run(Command::new("npm").current_dir(&tools).args(["ci", "--no-audit", "--no-fund"]))?;
    }
    Ok(tools.join("phone.mjs"))
}

/// Runs the script against `url`; its exit code is ours (2: errors seen).
fn measure(script: &Path, url: &str, args: &[String]) -> Result<ExitCode> {
    let mut node = Command::new("node");
    node.arg(script).args(["--url", url]).args(args);
    cmd::exit_code_of(&mut node)
}
