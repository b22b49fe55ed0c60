//! Writes the texts of the frontend's lazy string areas (`LAZY_AREAS` in
//! `frontend/strings/table.rs`) beside the WebAssembly modules, where the app
//! fetches them the first time a page of the area is shown, and the English
//! of the other areas (`ENGLISH_FILE`), fetched the first time English is wanted. The same table
//! code the frontend's build script uses decides the file's name, order and
//! format, so the two cannot disagree.

use std::fs;
use std::path::Path;

use anyhow::{anyhow, Context, Result};

// Only the reading and the lazy files are needed here, not the checks.
#[allow(dead_code)]
#[path = "../../frontend/strings/table.rs"]
mod table;

/// Writes `strings-<area>.txt` for every lazy area, and the English of the others, into `dir`.
pub fn write_lazy_areas(root: &Path, dir: &Path) -> Result<()> {
    let areas = table::read_areas(&root.join("frontend").join("strings")).map_err(|error| anyhow!("{error}"))?;
    for (area, entries) in areas.iter().filter(|(area, _)| table::LAZY_AREAS.contains(area)) {
        let path = dir.join(table::lazy_file_name(area));
        fs::write(&path, table::lazy_file(entries)).with_context(|| format!("writing {}", path.display()))?;
        println!("xtask: strings {:<30} {} keys", table::lazy_file_name(area), entries.len());
    }
    let eager: Vec<&table::Entry> = areas.iter().filter(|(area, _)| !table::LAZY_AREAS.contains(area)).flat_map(|(_, entries)| entries).collect();
    let path = dir.join(table::ENGLISH_FILE);
    fs::write(&path, table::english_file(eager.iter().copied())).with_context(|| format!("writing {}", path.display()))?;
    println!("xtask: strings {:<30} {} keys", table::ENGLISH_FILE, eager.len());
    Ok(())
}
