//! Parsing a request: every bad field collected with its reason, so a form is
//! fixed in one round trip; and the one way skill words in a request become codes.

use doorstep_shared::types::SkillCode;

use crate::reference::SkillCatalog;

/// Field-by-field reasons a request was refused.
#[derive(Debug, Default)]
pub struct FieldErrors(pub Vec<(String, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push((field.into(), message.into()));
    }
}

/// Resolves every skill word of a request (code, name or synonym) to its
/// code, sorted and without repeats; each unknown word is named as
/// `skills[i]` in `errors`.
pub fn resolve_skills(catalog: &SkillCatalog, raw: &[String], errors: &mut FieldErrors) -> Vec<SkillCode> {
    let mut codes = Vec::with_capacity(raw.len());
    for (i, word) in raw.iter().enumerate() {
        match catalog.resolve(word) {
            Ok(code) => codes.push(code),
            Err(e) => errors.add(format!("skills[{i}]"), e),
        }
    }
    codes.sort();
    codes.dedup();
    codes
}
