//! A doorstep server started by a measuring task (`phone`, `load`) on a free
//! loopback port, with a data directory of its own; dropping it stops the
//! server and removes the directory.

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::cmd;

pub struct Server {
    child: Child,
    data_dir: PathBuf,
    pub url: String,
}

impl Server {
    /// Runs `command` (the server binary) as `serve` on `data_dir` (which
    /// exists, and goes when the server does) with `env` besides the port
    /// and the directory, and waits up to `startup` for `/healthz`. The
    /// caller's database URL and log filter are not passed on.
    pub fn start(mut command: Command, data_dir: PathBuf, env: &[(&str, &str)], startup: Duration) -> Result<Self> {
        let port = free_port()?;
        let log_path = data_dir.join("server.log");
        let log = fs::File::create(&log_path).with_context(|| format!("creating {}", log_path.display()))?;
        command
            .arg("--config")
            .arg(data_dir.join("doorstep.toml"))
            .arg("serve")
            .env("DOORSTEP_BIND", format!("127.0.0.1:{port}"))
            .env("DOORSTEP_DATA_DIR", &data_dir)
            .envs(env.iter().copied())
            .env_remove("DOORSTEP_DATABASE_URL")
            .env_remove("RUST_LOG")
            .stdout(log.try_clone()?)
            .stderr(log);
        let child = command.spawn().with_context(|| format!("starting {}", cmd::describe(&command)))?;
        let mut server = Self { child, data_dir, url: format!("http://127.0.0.1:{port}") };
        server.wait_healthy(port, &log_path, startup)?;
        Ok(server)
    }

    /// Polls `/healthz` until it answers 200; fails if the server exits first.
    fn wait_healthy(&mut self, port: u16, log: &Path, startup: Duration) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < startup {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited ({status}) before answering; its log:\n{}", read_log(log));
            }
            if healthz_ok(port) {
                eprintln!("xtask: server up at {} after {:.1}s", self.url, started.elapsed().as_secs_f64());
                return Ok(());
            }
            sleep(Duration::from_millis(250));
        }
        bail!("the server did not answer /healthz within {startup:?}; its log:\n{}", read_log(log))
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
fn read_log(log: &Path) -> String {
    fs::read_to_string(log).unwrap_or_else(|error| format!("(cannot read {}: {error})", log.display()))
}

/// A port nobody listens on right now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Whether `GET /healthz` answers 200.
fn healthz_ok(port: u16) -> bool {
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
