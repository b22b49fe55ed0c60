//! The order of `search/`'s modules (see `mod.rs`), checked on their sources:
//! a module names only modules in layers below its own, as `super::x`
//! (`super::super::x` in a nested module, such as its tests) or
//! `crate::search::x`, and imports an item from the module that owns it, not
//! through `mod.rs`'s re-exports. Method calls are not seen here: only the
//! top layer adds methods to `PostingIndex`.

use std::path::Path;

/// The modules of `search/` by layer, bottom first; a module uses only
/// modules of lower layers.
const LAYERS: &[&[&str]] = &[
    &["schema", "request", "searchable"],
    &["document", "facts", "course_schema", "product_schema"],
    &["grid", "course_document", "product_document"],
    &["skill_cells"],
    &["columns"],
    &["collector", "terms", "index"],
    &["postings", "courses", "products"],
    &["by_skill", "fill", "openings"],
    &["query", "indexer", "course_query", "product_query"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Each reference in `module`'s source that its layer does not allow.
fn offences(module: &str, source: &str) -> Vec<String> {
    let Some(own) = layer(module) else { return vec![format!("{module}.rs is in no layer of LAYERS")] };
    let mut out = Vec::new();
    for name in search_names(&tokens(&strip(source))) {
        match layer(&name) {
            Some(l) if l < own => {}
            Some(l) if l == own => out.push(format!("{module} uses {name}, of its own layer")),
            Some(_) => out.push(format!("{module} uses {name}, of a higher layer")),
            None => out.push(format!("{module} uses search::{name}, not a module: import it from its module")),
        }
    }
    out
}

/// The source with comments, string and character literals blanked out.
fn strip(source: &str) -> String {
    let s: Vec<char> = source.chars().collect();
    let at = |i: usize| s.get(i).copied().unwrap_or('\0');
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < s.len() {
        let (c, next) = (s[i], at(i + 1));
        if c == '/' && next == '/' {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == '*' {
            let mut depth = 0;
            loop {
                match (at(i), at(i + 1)) {
                    ('\0', _) => break,
                    ('/', '*') => (depth, i) = (depth + 1, i + 2),
                    ('*', '/') => (depth, i) = (depth - 1, i + 2),
                    _ => i += 1,
                }
                if depth == 0 {
                    break;
                }
            }
        } else if c == 'r' && (next == '"' || next == '#') && !ident(at(i.wrapping_sub(1))) {
            let hashes = s[i + 1..].iter().take_while(|&&h| h == '#').count();
            if at(i + 1 + hashes) != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let rest: String = s[i + 2 + hashes..].iter().collect();
            i += 2 + hashes + rest.find(&close).map_or(rest.len(), |e| rest[..e].chars().count() + close.len());
            out.push_str("\"\"");
        } else if c == '"' {
            i += 1;
            while i < s.len() && s[i] != '"' {
                i += if s[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' && (next == '\\' || at(i + 2) == '\'') {
            i += 2;
            while i < s.len() && s[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let s: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                i += 1;
            }
            out.push(s[start..i].iter().collect());
        } else if c == ':' && s.get(i + 1) == Some(&':') {
            out.push("::".to_string());
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            i += 1;
        }
    }
    out
}

/// The first segment of every path that leaves the file for `search`
/// itself: `super::x` at the top of the file, one more `super` per nested
/// module, or `crate::search::x`; each item of a `{…}` group; `*` for a glob.
fn search_names(t: &[String]) -> Vec<String> {
    let is = |i: usize, s: &str| t.get(i).is_some_and(|x| x == s);
    let mut names = Vec::new();
    // For each open brace, whether it opened a `mod`.
    let mut braces: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let nested = braces.iter().filter(|&&m| m).count();
        let mut start = None;
        if is(i, "{") {
            braces.push(i >= 2 && is(i - 2, "mod"));
        } else if is(i, "}") {
            braces.pop();
        } else if is(i, "crate") && is(i + 1, "::") && is(i + 2, "search") && is(i + 3, "::") && !(i > 0 && is(i - 1, "::")) {
            start = Some(i + 4);
        } else if is(i, "super") && !(i > 0 && is(i - 1, "::")) {
            let mut supers = 0;
            while is(i + 2 * supers, "super") && is(i + 2 * supers + 1, "::") {
                supers += 1;
            }
            if supers == nested + 1 {
                start = Some(i + 2 * supers);
            }
        }
        let Some(p) = start else {
            i += 1;
            continue;
        };
        if !is(p, "{") {
            names.extend(t.get(p).cloned());
            i = p + 1;
            continue;
        }
        // A group: the first token of each item at the group's own depth.
        let (mut depth, mut j, mut first) = (0, p, true);
        while j < t.len() {
            match t[j].as_str() {
                "{" => depth += 1,
                "}" => depth -= 1,
                "," if depth == 1 => first = true,
                x if first && depth == 1 => {
                    names.push(x.to_string());
                    first = false;
                }
                _ => {}
            }
            j += 1;
            if depth == 0 {
                break;
            }
        }
        i = j;
    }
    names
}

#[test]
fn each_module_uses_only_modules_of_lower_layers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/search");
    let mut found = Vec::new();
    let mut all = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("read search/") {
        let path = entry.expect("search/ entry").path();
        let Some(module) = path.file_stem().and_then(|s| s.to_str()).filter(|_| path.extension().is_some_and(|e| e == "rs")) else { continue };
        if module == "mod" || module == "layers" {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("read source");
        all.extend(offences(module, &source));
        found.push(module.to_string());
    }
    for module in LAYERS.iter().flat_map(|l| l.iter()) {
        if !found.iter().any(|f| f == module) {
            all.push(format!("LAYERS lists {module}, which has no file"));
        }
    }
    assert!(all.is_empty(), "search/ breaks its order (mod.rs):\n{}", all.join("\n"));
}

#[test]
fn back_edges_side_edges_and_re_exports_are_caught() {
    let source = r#"
        use super::facts::Facts; // use super::query::Hit;
        use super::PostingIndex;
        pub(super) fn f() -> &'static str { super::query::load(); "super::index::X" }
        /* super::fill::nearest */
        #[cfg(test)]
        mod tests {
            use super::*;
            use super::super::grid::row;
            use crate::search::{columns::{One, Spot}, request::Filters};
        }
    "#;
    assert_eq!(search_names(&tokens(&strip(source))), ["facts", "PostingIndex", "query", "grid", "columns", "request"]);
    let found = offences("grid", source);
    let want = [
        "grid uses search::PostingIndex, not a module: import it from its module",
        "grid uses query, of a higher layer",
        "grid uses grid, of its own layer",
        "grid uses columns, of a higher layer",
    ];
    assert_eq!(found, want);
}
