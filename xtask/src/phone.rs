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
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::cmd::{self, Paths};

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
    let server = Server::start(crate::release_server(paths)?)?;
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

/// The release server on a free loopback port with a throwaway data
/// directory; dropping it stops the server and removes the directory.
struct Server {
    child: Child,
    data_dir: PathBuf,
    url: String,
}

impl Server {
    fn start(mut command: Command) -> Result<Self> {
        let port = free_port()?;
        let data_dir = std::env::temp_dir().join(format!("doorstep-phone-{}", std::process::id()));
        fs::create_dir_all(&data_dir).with_context(|| format!("creating {}", data_dir.display()))?;
        let log_path = data_dir.join("server.log");
        let log = fs::File::create(&log_path).with_context(|| format!("creating {}", log_path.display()))?;
        command
            .arg("--config")
            .arg(data_dir.join("doorstep.toml"))
            .arg("serve")
            .env("DOORSTEP_BIND", format!("127.0.0.1:{port}"))
            .env("DOORSTEP_DATA_DIR", &data_dir)
            .env("DOORSTEP_SEED_DEMO", "true")
            .env("DOORSTEP_LOG_LEVEL", "warn")
            .env_remove("DOORSTEP_DATABASE_URL")
            .stdout(log.try_clone()?)
            .stderr(log);
        let child = command.spawn().with_context(|| format!("starting {}", cmd::describe(&command)))?;
        let mut server = Self { child, data_dir, url: format!("http://127.0.0.1:{port}") };
        server.wait_healthy(port, &log_path)?;
        Ok(server)
    }

    /// Polls `/healthz` until it answers 200; fails if the server exits first.
    fn wait_healthy(&mut self, port: u16, log: &Path) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < STARTUP {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited ({status}) before answering; its log:\n{}", read_log(log));
            }
            if healthz_ok(port) {
                eprintln!("xtask: server up at {} after {:.1}s", self.url, started.elapsed().as_secs_f64());
                return Ok(());
            }
            sleep(Duration::from_millis(250));
        }
        bail!("the server did not answer /healthz within {STARTUP:?}; its log:\n{}", read_log(log))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.data_dir);
    }
}

/// The server's log, read before dropping the server removes it.
pub(crate) fn read_log(log: &Path) -> String {
    fs::read_to_string(log).unwrap_or_else(|error| format!("(cannot read {}: {error})", log.display()))
}

/// A port nobody listens on right now.
pub(crate) fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Whether `GET /healthz` answers 200.
pub(crate) fn healthz_ok(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
    let mut answer = String::new();
    if stream.write_all(request.as_bytes()).is_err() || stream.read_to_string(&mut answer).is_err() {
        return false;
    }
    answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200")
}
