//! Trims what wasm-bindgen writes for the main module, before wasm-opt:
//! - **Short import names.** wasm-bindgen names each JS function the module
//!   imports after the function and a 16-digit hash
//!   (`__wbg_closest_39824b16065066bc`), and writes every name twice: in the
//!   module's import section and as a key of the glue's import object. The
//!   hashes do not compress, so a first visit paid about 3 KB of brotli for
//!   them. Each name becomes a short one (`$a`, `$b`, … `$ba`) in both
//!   places; a name the glue does not spell exactly once is left as it is.
//! - **No exports for classes no one can hold.** Leptos pulls in
//!   `wasm-streams`, whose stream adapters are exported classes. JS only
//!   ever holds an instance the module hands it (the glue's `__wrap`) or
//!   builds with a constructor; when the glue has neither for a class, its
//!   methods' exports can never be called, and without them wasm-opt drops
//!   the code behind them (1.2 KB brotli, measured).
//! - **No segments that fill the table with nulls.** The split writes
//!   element segments of nulls over the slots the other modules fill when
//!   they load; a new table holds nulls anyway, and they cost a first visit
//!   0.9 KB of brotli (measured).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use anyhow::{anyhow, Context, Result};

/// What [`trim`] changed.
pub struct Trimmed {
    /// Imports renamed short.
    pub renamed: usize,
    /// Exports dropped: the methods of classes JS cannot hold.
    pub dropped: usize,
    /// Element segments dropped: they only wrote nulls.
    pub null_segments: usize,
}

/// Renames the imports `wasm` takes from `glue` (the wasm-bindgen JS beside
/// it), in both files, and drops the exports of classes JS cannot hold.
pub fn trim(wasm: &Path, glue: &Path) -> Result<Trimmed> {
    let mut module = walrus::Module::from_file(wasm).map_err(|error| anyhow!("{error:#}")).with_context(|| format!("reading {}", wasm.display()))?;
    let mut js = fs::read_to_string(glue).with_context(|| format!("reading {}", glue.display()))?;
    let glue_module = format!("./{}", wasm.file_name().and_then(|name| name.to_str()).context("the module's file name")?.replace(".wasm", ".js"));

    let mut renames = HashMap::new();
    for import in module.imports.iter_mut() {
        if import.module != glue_module || !spelt_once(&js, &import.name) {
            continue;
        }
        let short = short_name(renames.len());
        renames.insert(import.name.clone(), short.clone());
        import.name = short;
    }
    js = rename_identifiers(&js, &renames);

    let dead: Vec<walrus::ExportId> = unheld_classes(&js)
        .iter()
        .flat_map(|class| {
            let lower = class.to_lowercase();
            let (methods, free) = (format!("{lower}_"), format!("__wbg_{lower}_free"));
            module.exports.iter().filter(move |export| export.name.starts_with(&methods) || export.name == free).map(|export| export.id()).collect::<Vec<_>>()
        })
        .collect();
    for id in &dead {
        module.exports.delete(*id);
    }
    let null_segments = drop_null_segments(&mut module);

    module.emit_wasm_file(wasm).map_err(|error| anyhow!("{error:#}")).with_context(|| format!("writing {}", wasm.display()))?;
    fs::write(glue, js).with_context(|| format!("writing {}", glue.display()))?;
    Ok(Trimmed { renamed: renames.len(), dropped: dead.len(), null_segments })
}

/// Drops the active element segments that hold nothing but nulls; returns how many.
fn drop_null_segments(module: &mut walrus::Module) -> usize {
    let nulls: Vec<walrus::ElementId> = module
        .elements
        .iter()
        .filter(|element| matches!(element.kind, walrus::ElementKind::Active { .. }) && only_nulls(&element.items))
        .map(|element| element.id())
        .collect();
    for id in &nulls {
        for table in module.tables.iter_mut() {
            table.elem_segments.remove(id);
        }
        module.elements.delete(*id);
    }
    nulls.len()
}

/// Whether a segment's items are all null references (or none at all).
fn only_nulls(items: &walrus::ElementItems) -> bool {
    match items {
        walrus::ElementItems::Functions(functions) => functions.is_empty(),
        walrus::ElementItems::Expressions(_, exprs) => exprs.iter().all(|expr| matches!(expr, walrus::ConstExpr::RefNull(_))),
    }
}

/// The classes the glue exports that JS can never hold an instance of:
/// without a constructor, and never handed over by the module (`__wrap`).
fn unheld_classes(js: &str) -> Vec<String> {
    let mut classes = Vec::new();
    for (at, _) in js.match_indices("export class ") {
        let rest = &js[at + "export class ".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let body = rest.split("export class ").next().unwrap_or(rest);
        if !name.is_empty() && !body.contains("constructor(") && !js.contains(&format!("{name}.__wrap(")) {
            classes.push(name);
        }
    }
    classes
}

/// The `n`th short name: `a` … `z`, then `ba`, `bb`, … (letters only, so
/// never a number or a keyword-like digit string).
fn short_name(n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    let mut name = Vec::new();
    let mut rest = n;
    loop {
        name.push(LETTERS[rest % LETTERS.len()]);
        rest /= LETTERS.len();
        if rest == 0 {
            break;
        }
    }
    name.reverse();
    // A leading `a` would make `a` and `aa` the same number in this base; `$` keeps every name distinct.
    format!("${}", String::from_utf8_lossy(&name))
}

/// Whether `name` occurs in `js` exactly once as a whole identifier.
fn spelt_once(js: &str, name: &str) -> bool {
    identifiers(js).filter(|(_, identifier)| *identifier == name).count() == 1
}

/// Every identifier-like word in `js`, with where it starts.
fn identifiers(js: &str) -> impl Iterator<Item = (usize, &str)> {
    let is_part = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in js.char_indices() {
        match (is_part(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &js[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        words.push((from, &js[from..]));
    }
    words.into_iter()
}

/// `js` with each whole identifier found in `renames` replaced.
fn rename_identifiers(js: &str, renames: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(js.len());
    let mut copied = 0;
    for (at, word) in identifiers(js) {
        if let Some(short) = renames.get(word) {
            out.push_str(&js[copied..at]);
            out.push_str(short);
            copied = at + word.len();
        }
    }
    out.push_str(&js[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_distinct_identifiers() {
        let names: Vec<String> = (0..2000).map(short_name).collect();
        let distinct: std::collections::HashSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
        assert_eq!(names[0], "$a");
        assert_eq!(names[26], "$ba");
        assert!(names.iter().all(|name| name.chars().skip(1).all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn segments_of_nulls_go_and_those_with_functions_stay() {
        let mut module = walrus::Module::default();
        let function = walrus::FunctionBuilder::new(&mut module.types, &[], &[]).finish(vec![], &mut module.funcs);
        let table = module.tables.add_local(false, 8, None, walrus::RefType::FUNCREF);
        let at = |n| walrus::ConstExpr::Value(walrus::ir::Value::I32(n));
        let null = walrus::ConstExpr::RefNull(walrus::RefType::FUNCREF);
        let kept = [
            module.elements.add(walrus::ElementKind::Active { table, offset: at(0) }, walrus::ElementItems::Functions(vec![function])),
            module.elements.add(
                walrus::ElementKind::Active { table, offset: at(1) },
                walrus::ElementItems::Expressions(walrus::RefType::FUNCREF, vec![null.clone(), walrus::ConstExpr::RefFunc(function)]),
            ),
        ];
        let nulls = module
            .elements
            .add(walrus::ElementKind::Active { table, offset: at(4) }, walrus::ElementItems::Expressions(walrus::RefType::FUNCREF, vec![null; 3]));
        module.tables.get_mut(table).elem_segments.extend(kept.iter().copied().chain([nulls]));

        assert_eq!(drop_null_segments(&mut module), 1);
        let left: Vec<walrus::ElementId> = module.elements.iter().map(|element| element.id()).collect();
        assert_eq!(left, kept.to_vec());
        assert_eq!(module.tables.get(table).elem_segments.len(), 2);
        // What is left still makes a valid module.
        assert!(!module.emit_wasm().is_empty());
    }

    #[test]
    fn classes_js_can_hold_keep_their_exports() {
        let js = "export class Source { free() {} pull(c) { wasm.source_pull(this.__wbg_ptr, c) } }\n\
                  export class Handle { static __wrap(ptr) {} free() {} }\n\
                  export class Built { constructor() { wasm.built_new() } }\n\
                  function f(ptr) { return Handle.__wrap(ptr) }";
        assert_eq!(unheld_classes(js), vec!["Source".to_string()]);
    }

    #[test]
    fn only_whole_identifiers_are_renamed() {
        let js = "const o = { __wbg_x_1f: function() {}, __wbg_x_1f2: 1 }; c.__wbg_x_1f_free();";
        let renames = HashMap::from([("__wbg_x_1f".to_string(), "$a".to_string())]);
        assert_eq!(rename_identifiers(js, &renames), "const o = { $a: function() {}, __wbg_x_1f2: 1 }; c.__wbg_x_1f_free();");
        assert!(spelt_once(js, "__wbg_x_1f"));
        assert!(!spelt_once("a.__wbg_y + b.__wbg_y", "__wbg_y"));
    }
}
