//! Build steps cargo cannot express on its own: bundling the WebAssembly
//! frontend into a static site, then serving or testing the server with it.
//!
//! Usage: `cargo xtask site | serve [args…] | test [args…] | phone [args…] | load [args…]`.

mod bindings;
mod cmd;
mod compress;
mod load;
mod minify;
mod npm_tool;
mod phone;
mod served;
mod site;
mod split;
mod strings;
mod wasm_opt;

use std::process::ExitCode;

use anyhow::{bail, Result};

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("xtask: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<ExitCode> {
    let mut args = std::env::args().skip(1);
    let Some(task) = args.next() else {
        bail!("missing subcommand\n{USAGE}");
    };
    let rest: Vec<String> = args.collect();
    let paths = cmd::Paths::discover()?;
    match task.as_str() {
        "site" => {
            if !rest.is_empty() {
                bail!("`site` takes no arguments\n{USAGE}");
            }
            site::build(&paths)?;
            Ok(ExitCode::SUCCESS)
        }
        "serve" => serve(&paths, &rest),
        "test" => test(&paths, &rest),
        "phone" => phone::run(&paths, &rest),
        "load" => load::run(&paths, &rest),
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown subcommand {other:?}\n{USAGE}"),
    }
}

const USAGE: &str = "usage: cargo xtask <task>
  site              build the frontend into target/site
  serve [args...]   site, build the server, run `doorstep serve [args...]`
  test [args...]    site, then `cargo test --workspace --exclude doorstep-frontend --exclude xtask [args...]`
  phone [--url URL] [--runs N] [--label TEXT] [--filmstrip FILE.png] [--lighthouse]
                    throttled phone loads of the public pages (node, /usr/bin/chromium);
                    without --url: site, release server on a free port, a fresh demo database
  load [--postings N] [--seconds S] [--connections C] [--server BINARY]
                    wrk (Debian's) on /healthz, public search and /match over loopback at N
                    postings (default 100000, generated once under target/load), S s each";

/// Builds the site and the server, then runs the server in the foreground.
fn serve(paths: &cmd::Paths, args: &[String]) -> Result<ExitCode> {
    let mut server = release_server(paths)?;
    server.arg("serve").args(args);
    cmd::exit_code_of(&mut server)
}

/// Builds the site and the release server; returns the server's command,
/// run from the workspace root and serving that site.
fn release_server(paths: &cmd::Paths) -> Result<std::process::Command> {
    site::build(paths)?;
    cmd::run(paths.cargo().args(["build", "--release", "-p", "doorstep-server"]))?;
    let mut server = std::process::Command::new(paths.target.join("release").join("doorstep"));
    server.current_dir(&paths.root);
    // An explicit setting wins, so the same command can serve a site built elsewhere.
    if std::env::var_os("DOORSTEP_SITE_DIR").is_none() {
        server.env("DOORSTEP_SITE_DIR", paths.site());
    }
    Ok(server)
}

/// Builds the site (the browser tests load it) and the server binary (the crash
/// test runs it), then runs every test except the frontend's, which only
/// compiles for wasm32.
fn test(paths: &cmd::Paths, args: &[String]) -> Result<ExitCode> {
    site::build(paths)?;
    // The crash test starts and kills the real server binary.
    cmd::run(paths.cargo().args(["build", "-p", "doorstep-server", "--bin", "doorstep"]))?;
    let mut cargo = paths.cargo();
    cargo.args(["test", "--workspace", "--exclude", "doorstep-frontend", "--exclude", "xtask"]).args(args).env("DOORSTEP_TEST_SITE_DIR", paths.site());
    cmd::exit_code_of(&mut cargo)
}
