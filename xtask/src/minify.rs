//! Minifies the JavaScript every first visit downloads — wasm-bindgen's glue
//! and the split loader — with esbuild (from npm, `npm_tool`): 1.8 KB less
//! brotli on every first visit, measured. Syntax is left as written (no
//! `--target`), so nothing the browsers run changes but names and spacing;
//! exports and the wasm imports' property names are kept. The comments go
//! too, among them the loader's list, above each shared chunk, of every lazy
//! group that needs it, which grows with each group. `index.html`'s inline
//! style and script are minified the same way, and its comments dropped:
//! 0.6 KB less brotli, measured.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

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

/// `html` with its HTML comments dropped and the contents of each plain
/// `<style>` and `<script>` element (not a module script) minified; as it
/// is when esbuild is unavailable.
pub fn index_html(paths: &Paths, html: &str) -> Result<String> {
    let Some(esbuild) = npm_tool::ensure(paths, "esbuild", ESBUILD_VERSION, "esbuild")? else {
        return Ok(html.to_string());
    };
    let html = drop_between(html, "<!--", "-->")?;
    let html = minify_elements(&esbuild, &html, "<style>", "</style>", "css")?;
    minify_elements(&esbuild, &html, "<script>", "</script>", "js")
}

/// `text` without every `open`…`close` span (and a line break right after it).
fn drop_between(text: &str, open: &str, close: &str) -> Result<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        out.push_str(&rest[..start]);
        let Some(length) = rest[start..].find(close) else { bail!("{open} without {close}") };
        rest = &rest[start + length + close.len()..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
    Ok(out)
}

/// `html` with the contents of each `open`…`close` element minified as `loader`.
fn minify_elements(esbuild: &Path, html: &str, open: &str, close: &str, loader: &str) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let body_start = start + open.len();
        let Some(length) = rest[body_start..].find(close) else { bail!("{open} without {close}") };
        out.push_str(&rest[..body_start]);
        out.push_str(esbuild_stdin(esbuild, &rest[body_start..body_start + length], loader)?.trim_end());
        rest = &rest[body_start + length..];
    }
    out.push_str(rest);
    Ok(out)
}

fn esbuild_stdin(esbuild: &Path, source: &str, loader: &str) -> Result<String> {
    let mut child = Command::new(esbuild)
        .args(["--minify", "--log-level=warning", &format!("--loader={loader}")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", esbuild.display()))?;
    child.stdin.take().context("esbuild's stdin")?.write_all(source.as_bytes()).context("writing to esbuild")?;
    let output = child.wait_with_output().context("waiting for esbuild")?;
    if !output.status.success() {
        bail!("esbuild failed on index.html's inline {loader} ({})", output.status);
    }
    String::from_utf8(output.stdout).context("esbuild's output is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_go_with_their_line_break() {
        let html = "<head>\n<!-- why -->\n<meta>\n<!-- a\nlonger one -->\n</head>";
        assert_eq!(drop_between(html, "<!--", "-->").expect("closed"), "<head>\n<meta>\n</head>");
        assert!(drop_between("<!-- open", "<!--", "-->").is_err());
    }
}
