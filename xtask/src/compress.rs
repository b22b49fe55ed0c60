//! Precompression: every text or wasm file of the site gets a brotli
//! (quality 11) and a gzip (level 9) twin, `name.br` and `name.gz`, so the
//! server sends the smallest encoding a browser accepts without compressing
//! anything per request.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Extensions worth compressing; anything else is sent as it is.
const COMPRESSIBLE: &[&str] = &["html", "js", "wasm", "css", "json", "svg", "txt"];

/// Sizes of one file (or a sum of files) as sent.
#[derive(Default)]
pub struct Sizes {
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

impl Sizes {
    pub fn add(&mut self, other: &Sizes) {
        self.raw += other.raw;
        self.brotli += other.brotli;
        self.gzip += other.gzip;
    }
}

/// Writes both twins of every compressible file under `dir`, recursively.
pub fn precompress_tree(dir: &Path) -> Result<()> {
    for path in files(dir)? {
        let compressible = path.extension().and_then(|ext| ext.to_str()).is_some_and(|ext| COMPRESSIBLE.contains(&ext));
        if compressible {
            precompress(&path)?;
        }
    }
    Ok(())
}

/// Writes `path.br` and `path.gz` and returns the three sizes.
pub fn precompress(path: &Path) -> Result<Sizes> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let brotli = brotli_bytes(&bytes)?;
    let gzip = gzip_bytes(&bytes)?;
    write(&twin(path, "br"), &brotli)?;
    write(&twin(path, "gz"), &gzip)?;
    Ok(Sizes { raw: bytes.len() as u64, brotli: brotli.len() as u64, gzip: gzip.len() as u64 })
}

/// The sizes of a file and its twins, as written by [`precompress`].
pub fn sizes(path: &Path) -> Result<Sizes> {
    let len = |path: &Path| -> Result<u64> { Ok(fs::metadata(path).with_context(|| format!("reading {}", path.display()))?.len()) };
    Ok(Sizes { raw: len(path)?, brotli: len(&twin(path, "br"))?, gzip: len(&twin(path, "gz"))? })
}

fn brotli_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).context("gzip")?;
    encoder.finish().context("gzip")
}

fn twin(path: &Path, encoding: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(encoding);
    PathBuf::from(name)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// Every file under `dir`, recursively, in a stable order.
pub fn files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in fs::read_dir(&next).with_context(|| format!("listing {}", next.display()))? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                pending.push(entry.path());
            } else {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    Ok(found)
}
