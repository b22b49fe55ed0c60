//! The interface's string tables, `frontend/strings/<area>.toml`: every key has
//! its Chinese and its English text, and both name the same `{holes}`. The
//! frontend compiles only for wasm32, so its tables are checked here, on the
//! host, through the same parser its build script uses.

#[path = "../../frontend/strings/table.rs"]
mod table;

use std::path::PathBuf;

use doorstep_shared::api::ErrorCode;
use table::Problem;

#[test]
fn every_key_has_chinese_and_english_with_the_same_holes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend/strings");
    let entries = table::read(&dir).unwrap_or_else(|error| panic!("{error}"));

    let problems = table::check(&entries);

    assert!(entries.len() > 100, "only {} keys read", entries.len());
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "fix frontend/strings:\n{}", listed.join("\n"));
}

/// The client's key for an error code: `Err` and the code in PascalCase
/// (`already_applied` → `ErrAlreadyApplied`), the name `error_view.rs` maps it to.
fn error_key(code: ErrorCode) -> String {
    let spelled = code.as_str();
    let mut key = String::from("Err");
    for word in spelled.split('_') {
        let mut chars = word.chars();
        key.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        key.extend(chars);
    }
    key
}

#[test]
fn every_error_code_has_client_wording_in_chinese_and_english() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend/strings");
    let entries = table::read(&dir).unwrap_or_else(|error| panic!("{error}"));

    let mut missing = Vec::new();
    for &code in ErrorCode::ALL {
        let key = error_key(code);
        let entry = entries.iter().find(|e| e.key == key);
        let worded = |lang| entry.and_then(|e| e.text(lang)).is_some_and(|t| !t.trim().is_empty() && !t.contains('{'));
        if !table::LANGS.iter().all(|lang| worded(lang)) {
            missing.push(key);
        }
    }

    assert_eq!(error_key(ErrorCode::AlreadyApplied), "ErrAlreadyApplied");
    assert!(missing.is_empty(), "error codes without zh and en wording in frontend/strings: {missing:?}");
}

#[test]
fn the_check_names_a_missing_language_and_a_hole_the_languages_do_not_share() {
    let missing = |lang| Problem::Missing { key: "A".into(), lang };
    let bad_hole = |lang| Problem::BadHole { key: "A".into(), lang };
    let differ = |zh: &[&str], en: &[&str]| Problem::HolesDiffer {
        key: "A".into(),
        zh: zh.iter().map(ToString::to_string).collect(),
        en: en.iter().map(ToString::to_string).collect(),
    };
    let cases: Vec<(&str, &str, Vec<Problem>)> = vec![
        ("both languages, same hole", "zh = \"{n} 个\"\nen = \"{n} items\"", vec![]),
        ("holes in another order", "zh = \"{a}–{b}\"\nen = \"{b} after {a}\"", vec![]),
        ("no English", "zh = \"甲\"", vec![missing("en")]),
        ("no Chinese", "en = \"a\"", vec![missing("zh")]),
        ("empty Chinese", "zh = \"\"\nen = \"a\"", vec![missing("zh")]),
        ("hole missing from English", "zh = \"{n} 个\"\nen = \"items\"", vec![differ(&["n"], &[])]),
        ("hole renamed", "zh = \"{n} 个\"\nen = \"{m} items\"", vec![differ(&["n"], &["m"])]),
        ("positional hole", "zh = \"{} 个\"\nen = \"{} items\"", vec![bad_hole("zh"), bad_hole("en")]),
        ("unclosed hole", "zh = \"{n 个\"\nen = \"{n} items\"", vec![bad_hole("zh")]),
        ("stray closing brace", "zh = \"n} 个\"\nen = \"{n} items\"", vec![bad_hole("zh")]),
    ];
    for (description, texts, expected) in cases {
        let mut entries = Vec::new();
        table::parse("case.toml", &format!("[A]\n{texts}\n"), &mut entries).unwrap_or_else(|error| panic!("{description}: {error}"));

        let problems = table::check(&entries);

        assert_eq!(problems, expected, "{description}");
    }
}

#[test]
fn a_malformed_table_is_rejected_with_its_line() {
    let cases = [
        ("text before any key", "zh = \"甲\"", 1),
        ("unknown language", "[A]\nfr = \"a\"", 2),
        ("unquoted text", "[A]\nzh = 甲", 2),
        ("quote inside the text", "[A]\nen = \"say \"hi\"\"", 2),
        ("backslash escape", "[A]\nen = \"a\\nb\"", 2),
        ("language given twice", "[A]\nzh = \"甲\"\nzh = \"乙\"", 3),
        ("key defined twice", "[A]\n\n[A]", 3),
        ("key not a Rust identifier", "[distance-km]", 1),
        ("neither key nor text", "[A]\nzh \"甲\"", 2),
    ];
    for (description, text, line) in cases {
        let mut entries = Vec::new();

        let error = table::parse("case.toml", text, &mut entries).err().unwrap_or_else(|| panic!("{description}: accepted"));

        assert!(error.to_string().starts_with(&format!("case.toml:{line}: ")), "{description}: {error}");
    }
}

#[test]
fn a_key_defined_in_two_tables_is_rejected() {
    let mut entries = Vec::new();
    table::parse("common.toml", "[Save]\nzh = \"保存\"\nen = \"Save\"", &mut entries).unwrap_or_else(|error| panic!("{error}"));

    let second = table::parse("staff.toml", "# Forms\n[Save]", &mut entries);

    let error = second.err().map(|error| error.to_string());
    assert_eq!(error.as_deref(), Some("staff.toml:2: key Save is defined twice"));
    assert_eq!(entries.len(), 1, "the first definition stays");
}

/// Every `Key::Name` written in a Rust file, by name.
fn keys_named_in(text: &str) -> Vec<&str> {
    text.match_indices("Key::")
        .map(|(at, _)| {
            let rest = &text[at + 5..];
            let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

fn rust_files(dir: &std::path::Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn a_lazy_area_s_texts_are_used_only_by_its_own_pages() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../frontend");
    let areas = table::read_areas(&root.join("strings")).unwrap_or_else(|error| panic!("{error}"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut misplaced = Vec::new();

    for (area, entries) in areas.iter().filter(|(area, _)| table::LAZY_AREAS.contains(area)) {
        let own = root.join("src").join("pages").join(area);
        for file in files.iter().filter(|file| !file.starts_with(&own)) {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            // The error view words every code; an area's codes come only from its pages.
            let error_view = file.ends_with("components/error_view.rs");
            for key in keys_named_in(&text) {
                if entries.iter().any(|entry| entry.key == key) && !(error_view && key.starts_with("Err")) {
                    misplaced.push(format!("{} uses {area} key {key}", file.display()));
                }
            }
        }
    }

    assert!(!table::LAZY_AREAS.is_empty() && areas.iter().any(|(area, _)| table::LAZY_AREAS.contains(area)));
    // A text the main module shows before the area loads would be blank: move such keys to `common`.
    assert!(misplaced.is_empty(), "{}", misplaced.join("\n"));
}

#[test]
fn a_lazy_area_s_file_holds_each_key_s_two_texts_on_their_own_lines_in_key_order() {
    let mut entries = Vec::new();
    let table = "[A]\nzh = \"甲 {n}\"\nen = \"a {n}\"\n[B]\nzh = \"乙\"\n[C]\nen = \"c\"\nzh = \"丙\"";
    table::parse("training.toml", table, &mut entries).unwrap_or_else(|error| panic!("{error}"));

    let file = table::lazy_file(&entries);

    // A missing English borrows the Chinese, as the compiled texts do.
    assert_eq!(file.lines().collect::<Vec<_>>(), ["甲 {n}", "a {n}", "乙", "乙", "丙", "c"]);
    assert_eq!(table::lazy_file_name("training"), "strings-training.txt");
}

#[test]
fn the_english_file_holds_each_eager_key_s_english_on_its_own_line_in_key_order() {
    let mut entries = Vec::new();
    let table = "[A]\nzh = \"甲 {n}\"\nen = \"a {n}\"\n[B]\nzh = \"乙\"\n[C]\nen = \"c\"\nzh = \"丙\"";
    table::parse("common.toml", table, &mut entries).unwrap_or_else(|error| panic!("{error}"));

    let file = table::english_file(&entries);

    // A missing English borrows the Chinese, as a lazy area's file does.
    assert_eq!(file.lines().collect::<Vec<_>>(), ["a {n}", "乙", "c"]);
    assert_eq!(table::ENGLISH_FILE, "strings-en.txt");
}
