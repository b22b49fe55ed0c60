//! `cargo xtask load [--postings N] [--seconds S] [--connections C] [--server BINARY]`:
//! the HTTP load run. It builds the release server and the data example,
//! makes a data directory of N open postings once (kept under
//! `target/load/`, since generating 100k takes minutes), serves a copy of it
//! on a free loopback port with the `/match` limit raised, and drives three
//! endpoints one after the other with `wrk` (Debian's; `apt-get install wrk`),
//! each for S seconds with 2 threads and C connections:
//! - `GET /healthz`, the ceiling of actix on this machine;
//! - `GET /api/v1/postings?q=…`, public search, rotating through real queries;
//! - `POST /api/v1/match`, rotating through real profiles.
//!
//! It prints a table for BENCHMARKS.md: req/s, p50, p99, non-2xx answers and
//! each endpoint's share of the ceiling measured in the same run. Only the
//! loopback address is loaded, and every step is bounded in time.
//! `--server BINARY` serves with another build (the previous main, say) on
//! the same data, for a same-session comparison.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::cmd::{self, Paths};
use crate::served::Server;

/// How long the server may take to open the database and the index.
const STARTUP: Duration = Duration::from_secs(300);

/// What one run loads: the data's size, each endpoint's time and width.
struct Options {
    postings: usize,
    seconds: u32,
    connections: u32,
    server: Option<PathBuf>,
}

/// One endpoint's figures from wrk.
struct Figures {
    name: &'static str,
    requests_per_second: f64,
    p50: Duration,
    p99: Duration,
    non_2xx: u64,
    socket_errors: u64,
}

/// Builds, prepares the data, serves it and loads each endpoint in turn.
pub fn run(paths: &Paths, args: &[String]) -> Result<ExitCode> {
    let options = parse(args)?;
    if Command::new("wrk").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_err() {
        bail!("wrk not found: apt-get install -y wrk");
    }
    cmd::run(paths.cargo().args(["build", "--release", "-p", "doorstep-server", "--bin", "doorstep"]))?;
    let data = prepare_data(paths, options.postings)?;
    let binary = match &options.server {
        Some(binary) => binary.clone(),
        None => paths.target.join("release").join("doorstep"),
    };
    let server = serve_copy(&binary, &data, &paths.target.join("load"))?;
    let script = paths.root.join("xtask").join("load").join("requests.lua");
    let queries = data.join("queries.txt");
    let profiles = data.join("profiles.jsonl");
    let url = |path: &str| format!("{}{path}", server.url);
    let runs: [(&'static str, String, Vec<String>); 3] = [
        ("GET /healthz", url("/healthz"), Vec::new()),
        ("GET /api/v1/postings?q=…", url("/"), vec![path_arg(&queries)]),
        ("POST /api/v1/match", url("/"), vec![path_arg(&profiles), "post".into(), "/api/v1/match".into()]),
    ];
    let mut rows = Vec::new();
    for (name, target, script_args) in runs {
        eprintln!("xtask: loading {name} for {} s", options.seconds);
        rows.push(load(name, &target, &script, &script_args, &options)?);
    }
    drop(server);
    print_table(&rows, &options, &binary);
    Ok(ExitCode::SUCCESS)
}

fn parse(args: &[String]) -> Result<Options> {
    let mut options = Options { postings: 100_000, seconds: 10, connections: 32, server: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--postings" => options.postings = value()?.parse().context("--postings must be a number")?,
            "--seconds" => options.seconds = value()?.parse().context("--seconds must be a number")?,
            "--connections" => options.connections = value()?.parse().context("--connections must be a number")?,
            "--server" => options.server = Some(PathBuf::from(value()?)),
            other => bail!("unknown argument {other:?}: --postings N, --seconds S, --connections C, --server BINARY"),
        }
    }
    if !(1..=120).contains(&options.seconds) {
        bail!("--seconds must be 1 to 120");
    }
    Ok(options)
}

fn path_arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The data directory of `n` postings, made by the example the first time.
fn prepare_data(paths: &Paths, n: usize) -> Result<PathBuf> {
    let dir = paths.target.join("load").join(format!("data-{n}"));
    // The request files are written last: with them the directory is whole.
    if dir.join("profiles.jsonl").exists() {
        return Ok(dir);
    }
    if dir.exists() {
        fs::remove_dir_all(&dir).with_context(|| format!("removing the unfinished {}", dir.display()))?;
    }
    eprintln!("xtask: generating {n} postings into {} (once; minutes at 100k)", dir.display());
    // Built only here: the example's dev-dependencies build the library a second way.
    cmd::run(paths.cargo().args(["build", "--release", "-p", "doorstep-server", "--example", "load_data"]))?;
    let example = paths.target.join("release").join("examples").join("load_data");
    cmd::run(Command::new(example).current_dir(&paths.root).arg(&dir).arg(n.to_string()))?;
    Ok(dir)
}

/// Runs wrk against one endpoint and reads the line the script prints.
fn load(name: &'static str, url: &str, script: &Path, script_args: &[String], options: &Options) -> Result<Figures> {
    let mut wrk = Command::new("wrk");
    wrk.args(["-t2", "--latency", "--timeout", "5s"])
        .arg(format!("-c{}", options.connections))
        .arg(format!("-d{}s", options.seconds))
        .arg("-s")
        .arg(script)
        .arg(url)
        .arg("--")
        .args(script_args);
    let output = wrk.output().with_context(|| format!("starting {}", cmd::describe(&wrk)))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!("{} failed ({}):\n{stdout}{}", cmd::describe(&wrk), output.status, String::from_utf8_lossy(&output.stderr));
    }
    let line = stdout.lines().find(|l| l.starts_with("LOAD ")).with_context(|| format!("wrk printed no LOAD line:\n{stdout}"))?;
    let field = |key: &str| -> Result<u64> {
        let value = line.split_whitespace().find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')));
        value.with_context(|| format!("no {key} in {line:?}"))?.parse().with_context(|| format!("bad {key} in {line:?}"))
    };
    let seconds = field("duration_us")? as f64 / 1e6;
    Ok(Figures {
        name,
        requests_per_second: field("requests")? as f64 / seconds,
        p50: Duration::from_micros(field("p50_us")?),
        p99: Duration::from_micros(field("p99_us")?),
        non_2xx: field("non2xx")?,
        socket_errors: field("socket_errors")?,
    })
}

fn print_table(rows: &[Figures], options: &Options, binary: &Path) {
    println!();
    println!(
        "{} open postings; wrk -t2 -c{} -d{}s per endpoint, client and server on this machine; server {}",
        options.postings,
        options.connections,
        options.seconds,
        binary.display()
    );
    println!();
    println!("| endpoint | req/s | p50 | p99 | share of /healthz | non-2xx | socket errors |");
    println!("|---|---|---|---|---|---|---|");
    let ceiling = rows.first().map_or(1.0, |r| r.requests_per_second);
    for r in rows {
        println!(
            "| {} | {:.0} | {:.2} ms | {:.2} ms | {:.1} % | {} | {} |",
            r.name,
            r.requests_per_second,
            r.p50.as_secs_f64() * 1000.0,
            r.p99.as_secs_f64() * 1000.0,
            100.0 * r.requests_per_second / ceiling,
            r.non_2xx,
            r.socket_errors
        );
    }
}

/// The server on a free loopback port, serving a copy of the data directory
/// with the `/match` limit raised; the copy goes with the server.
fn serve_copy(binary: &Path, data: &Path, scratch: &Path) -> Result<Server> {
    let data_dir = scratch.join(format!("run-{}", std::process::id()));
    if data_dir.exists() {
        fs::remove_dir_all(&data_dir).with_context(|| format!("removing {}", data_dir.display()))?;
    }
    cmd::run(Command::new("cp").arg("-a").arg(data).arg(&data_dir))?;
    // Every request of the run comes from one address.
    let env = [("DOORSTEP_SEED_DEMO", "false"), ("DOORSTEP_MATCH_PER_MINUTE", "1000000000")];
    Server::start(Command::new(binary), data_dir, &env, STARTUP)
}
