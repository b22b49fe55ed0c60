//! The format of the interface's string tables, `frontend/strings/<area>.toml`,
//! and the checks a complete table passes. Std only: the frontend's build script
//! and the host test `tests/api/i18n.rs` both include this file with `#[path]`.
//!
//! A table is a small subset of TOML, one section per key:
//!
//! ```toml
//! # Comments and blank lines are ignored.
//! [DistanceKm]
//! zh = "离家 {km} 公里"
//! en = "{km} km from home"
//! ```
//!
//! The section name is the `i18n::Key` variant. Each text is one line in double
//! quotes with no `"` or `\` inside, so there are no escapes to get wrong, and
//! `{name}` marks a hole the caller fills by name.

use std::fmt;
use std::path::{Path, PathBuf};

/// The areas of the interface, one table each, in the order their keys are generated.
pub const AREAS: &[&str] = &["common", "seeker", "employer", "staff", "training", "sales"];

/// The areas whose texts the main WebAssembly module does not carry: a
/// role's or a platform's own pages. `cargo xtask site` writes each one's texts to
/// `strings-<area>.txt` beside the modules ([`lazy_file`]), and the app fetches
/// it together with the pages' module the first time one is shown, so a new
/// platform adds nothing to the first visit. Their keys come after all others,
/// and only pages under `frontend/src/pages/<area>/` may use them (checked by
/// `tests/api/i18n.rs`) — and `components/error_view.rs` the area's `Err…`
/// texts: errors with those codes come only from the area's pages, whose
/// texts are in by then.
pub const LAZY_AREAS: &[&str] = &["seeker", "employer", "staff", "training", "sales"];

/// The languages, in the order the tables list them.
pub const LANGS: &[&str] = &["zh", "en"];

/// One key and its texts as written; a language the table lacks is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub zh: Option<String>,
    pub en: Option<String>,
}

impl Entry {
    /// Both texts, Chinese then English; a language the table lacks borrows
    /// the other's text (`check` reports it).
    pub fn texts(&self) -> (&str, &str) {
        let zh = self.zh.as_deref().unwrap_or_default();
        let en = self.en.as_deref().unwrap_or_default();
        (if zh.is_empty() { en } else { zh }, if en.is_empty() { zh } else { en })
    }

    /// Returns the text in a language of `LANGS`.
    pub fn text(&self, lang: &str) -> Option<&str> {
        match lang {
            "zh" => self.zh.as_deref(),
            "en" => self.en.as_deref(),
            _ => None,
        }
    }
}

/// Why a table cannot be read.
#[derive(Debug)]
pub enum TableError {
    Read { path: PathBuf, error: std::io::Error },
    Syntax { file: String, line: usize, reason: &'static str },
    DuplicateKey { file: String, line: usize, key: String },
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            Self::Syntax { file, line, reason } => write!(f, "{file}:{line}: {reason}"),
            Self::DuplicateKey { file, line, key } => {
                write!(f, "{file}:{line}: key {key} is defined twice")
            }
        }
    }
}

/// What a readable table still gets wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The key has no text, or an empty one, in a language.
    Missing { key: String, lang: &'static str },
    /// A `{` or `}` in the text does not form a `{name}` hole.
    BadHole { key: String, lang: &'static str },
    /// The languages name different holes (each list sorted).
    HolesDiffer { key: String, zh: Vec<String>, en: Vec<String> },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing { key, lang } => write!(f, "{key} has no {lang} text"),
            Self::BadHole { key, lang } => {
                write!(f, "{key}: the {lang} text has a brace outside a {{name}} hole")
            }
            Self::HolesDiffer { key, zh, en } => {
                write!(f, "{key}: zh has holes {zh:?} but en has {en:?}")
            }
        }
    }
}

/// Returns the path of an area's table.
pub fn path(dir: &Path, area: &str) -> PathBuf {
    dir.join(format!("{area}.toml"))
}

/// Reads every area's table from `dir`, in `AREAS` order.
pub fn read(dir: &Path) -> Result<Vec<Entry>, TableError> {
    Ok(read_areas(dir)?.into_iter().flat_map(|(_, entries)| entries).collect())
}

/// Reads every area's table from `dir` in key order: the areas in `AREAS`
/// order, those in `LAZY_AREAS` last. A key defined twice, in one table or
/// two, is an error.
pub fn read_areas(dir: &Path) -> Result<Vec<(&'static str, Vec<Entry>)>, TableError> {
    let ordered = AREAS.iter().filter(|area| !LAZY_AREAS.contains(area)).chain(AREAS.iter().filter(|area| LAZY_AREAS.contains(area)));
    let mut all = Vec::new();
    let mut bounds = Vec::new();
    for area in ordered {
        let path = path(dir, area);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => return Err(TableError::Read { path, error }),
        };
        let first = all.len();
        parse(&format!("{area}.toml"), &text, &mut all)?;
        bounds.push((*area, first, all.len()));
    }
    Ok(bounds.into_iter().map(|(area, first, end)| (area, all[first..end].to_vec())).collect())
}

/// The name of the file holding a lazy area's texts.
pub fn lazy_file_name(area: &str) -> String {
    format!("strings-{area}.txt")
}

/// A lazy area's texts as fetched: each key's Chinese text, then its English,
/// one line each, in key order. Texts are single lines, so no escaping.
pub fn lazy_file(entries: &[Entry]) -> String {
    let mut out = String::new();
    for entry in entries {
        let (zh, en) = entry.texts();
        for text in [zh, en] {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// The file holding the English of the keys the main module carries (the
/// areas not in `LAZY_AREAS`): the module carries their Chinese only, and
/// the app fetches this the first time English is wanted.
pub const ENGLISH_FILE: &str = "strings-en.txt";

/// The English of the main module's keys as fetched: one line each, in key order.
pub fn english_file<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str(entry.texts().1);
        out.push('\n');
    }
    out
}

/// Appends the entries of one table; `file` names it in errors. A key already
/// in `entries`, from this table or an earlier one, is an error.
pub fn parse(file: &str, text: &str, entries: &mut Vec<Entry>) -> Result<(), TableError> {
    let first = entries.len();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let syntax = |reason| TableError::Syntax { file: file.to_string(), line: index + 1, reason };
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(key) = line.strip_prefix('[').and_then(|rest| rest.strip_suffix(']')) {
            if !is_key(key) {
                return Err(syntax("a key is a Rust identifier starting with a capital letter"));
            }
            if entries.iter().any(|entry| entry.key == key) {
                return Err(TableError::DuplicateKey { file: file.to_string(), line: index + 1, key: key.to_string() });
            }
            entries.push(Entry { key: key.to_string(), zh: None, en: None });
            continue;
        }
        let Some((lang, value)) = line.split_once('=') else {
            return Err(syntax("expected `[Key]`, `zh = \"…\"` or `en = \"…\"`"));
        };
        let Some(entry) = entries[first..].last_mut() else {
            return Err(syntax("a text must follow its `[Key]`"));
        };
        let slot = match lang.trim() {
            "zh" => &mut entry.zh,
            "en" => &mut entry.en,
            _ => return Err(syntax("the language is `zh` or `en`")),
        };
        let Some(value) = value.trim().strip_prefix('"').and_then(|rest| rest.strip_suffix('"')) else {
            return Err(syntax("a text is in double quotes, on one line"));
        };
        if value.contains(['"', '\\']) {
            return Err(syntax("a text holds no `\"` or `\\`"));
        }
        if slot.is_some() {
            return Err(syntax("a language is given twice for one key"));
        }
        *slot = Some(value.to_string());
    }
    Ok(())
}

/// Lists what the entries get wrong: a missing or empty text, a stray brace,
/// a hole that one language has and the other lacks.
pub fn check(entries: &[Entry]) -> Vec<Problem> {
    let mut problems = Vec::new();
    for entry in entries {
        let mut holes_by_lang = Vec::new();
        for &lang in LANGS {
            let key = entry.key.clone();
            let text = match entry.text(lang) {
                Some(text) if !text.is_empty() => text,
                _ => {
                    problems.push(Problem::Missing { key, lang });
                    continue;
                }
            };
            match holes(text) {
                Some(holes) => holes_by_lang.push(holes),
                None => problems.push(Problem::BadHole { key, lang }),
            }
        }
        if let [zh, en] = holes_by_lang.as_slice() {
            if zh != en {
                problems.push(Problem::HolesDiffer { key: entry.key.clone(), zh: zh.clone(), en: en.clone() });
            }
        }
    }
    problems
}

/// Returns the sorted names of a text's `{name}` holes, or `None` when a brace
/// is not part of one.
pub fn holes(text: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some((before, after)) = rest.split_once('{') {
        let (name, after_hole) = after.split_once('}')?;
        let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if before.contains('}') || !is_name {
            return None;
        }
        names.push(name.to_string());
        rest = after_hole;
    }
    if rest.contains('}') {
        return None;
    }
    names.sort();
    names.dedup();
    Some(names)
}

fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_uppercase()) && key.chars().all(|c| c.is_ascii_alphanumeric())
}
