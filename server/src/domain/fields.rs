//! Parsing a request: every bad field collected with its reason, so a form is
//! fixed in one round trip; and the one way skill words in a request become codes.

use doorstep_shared::api::SkillSuggestion;
use doorstep_shared::types::SkillCode;

use crate::reference::{SkillCatalog, Unresolved};

/// Field-by-field reasons a request was refused, and the skills offered for
/// skill words that did not resolve ("did you mean").
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<(String, String)>, pub Vec<SkillSuggestion>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push((field.into(), message.into()));
    }

    /// Names `field` as a skill word that did not resolve, with its suggestions.
    fn add_unresolved(&mut self, field: &str, unresolved: &Unresolved<'_>) {
        self.add(field, unresolved.message());
        self.1.extend(unresolved.suggestions.iter().map(|s| SkillSuggestion {
            field: field.to_string(),
            code: s.code.to_string(),
            name_zh: s.name_zh.clone(),
            name_en: s.name_en.clone(),
        }));
    }
}

/// Trims a text field and checks its length in characters.
pub fn text(errors: &mut FieldErrors, field: &str, raw: &str, min: usize, max: usize) -> String {
    let value = raw.trim().to_string();
    let chars = value.chars().count();
    if chars < min || chars > max {
        errors.add(field, format!("{field} must have {min} to {max} characters"));
    }
    value
}

/// Resolves one skill word (code, name, synonym or a word the search is
/// sure of, `SkillCatalog::resolve`); an unknown or ambiguous word is named
/// as `field` in `errors`, with up to five suggestions.
pub fn resolve_skill(catalog: &SkillCatalog, raw: &str, field: &str, errors: &mut FieldErrors) -> Option<SkillCode> {
    catalog.resolve(raw).map_err(|u| errors.add_unresolved(field, &u)).ok()
}

/// Resolves every skill word of a request to its code, sorted and without
/// repeats; each word that does not resolve is named as `skills[i]`.
pub fn resolve_skills(catalog: &SkillCatalog, raw: &[String], errors: &mut FieldErrors) -> Vec<SkillCode> {
    let mut codes: Vec<SkillCode> = raw.iter().enumerate().filter_map(|(i, word)| resolve_skill(catalog, word, &format!("skills[{i}]"), errors)).collect();
    codes.sort();
    codes.dedup();
    codes
}

/// The skill words of a match query: codes for those that resolve, and the
/// others as they were written, to be matched as text (`/match` never refuses
/// a word it does not know).
pub fn split_skill_words(catalog: &SkillCatalog, raw: &[String]) -> (Vec<SkillCode>, Vec<String>) {
    let mut codes = Vec::new();
    let mut unresolved = Vec::new();
    for word in raw {
        match catalog.resolve(word) {
            Ok(code) => codes.push(code),
            Err(u) if !u.word.is_empty() && !unresolved.contains(&u.word) => unresolved.push(u.word),
            Err(_) => {}
        }
    }
    codes.sort();
    codes.dedup();
    (codes, unresolved)
}
