//! The tiny TSV reader for the embedded data files (header line, tab-separated).

/// Splits a TSV file into rows, checking each has `columns` fields.
pub fn rows(text: &str, columns: usize) -> anyhow::Result<Vec<Vec<&str>>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != columns {
            anyhow::bail!("line {} has {} fields, expected {columns}", n + 1, fields.len());
        }
        out.push(fields);
    }
    Ok(out)
}

/// Splits a `|`-separated list, dropping empty parts.
pub fn list(field: &str) -> Vec<String> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}
