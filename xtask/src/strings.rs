//! Writes the texts of the frontend's lazy string areas (`LAZY_AREAS` in
//! `frontend/strings/table.rs`) beside the WebAssembly modules, where the app
//! fetches them the first time a page of the area is shown. The same table
//! code the frontend's build script uses decides the file's name, order and
//! format, so the two cannot disagree.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, Context, Result};

// Only the reading and the lazy files are needed here, not the checks.
#[allow(dead_code)]
#[path = "../../frontend/strings/table.rs"]
mod table;

/// Writes `strings-<area>.txt` for every lazy area into `dir`.
pub fn write_lazy_areas(root: &Path, dir: &Path) -> Result<()> {
    let areas = table::read_areas(&root.join("frontend").join("strings")).map_err(|error| anyhow!("{error}"))?;
    for (area, entries) in areas.iter().filter(|(area, _)| table::LAZY_AREAS.contains(area)) {
        let path = dir.join(table::lazy_file_name(area));
        fs::write(&path, table::lazy_file(entries)).with_context(|| format!("writing {}", path.display()))?;
        println!("xtask: strings {:<30} {} keys", table::lazy_file_name(area), entries.len());
    }
    Ok(())
}
