//! A stored posting as an index document.
//!
//! Place in the order (see `mod.rs`): above `schema`; the indexer writes
//! what it makes.

use doorstep_shared::types::SkillCode;
use tantivy::schema::Field;
use tantivy::TantivyDocument;

use super::schema::{ideographs, region_prefixes, PostingFields};
use crate::reference::SkillCatalog;
use crate::storage::StoredPosting;

pub fn to_document(p: &StoredPosting, f: &PostingFields, skills: &SkillCatalog) -> TantivyDocument {
    let c = &p.content;
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, p.id as u64);
    let words = WordFields { title: f.title, body: f.body, title_chars: f.title_chars, body_chars: f.body_chars, skills: Some(f.skills) };
    add_words(&mut doc, &words, &c.title, c.description.clone(), &c.skills, skills);
    let region: &str = c.region.as_ref();
    for prefix in region_prefixes(region) {
        doc.add_text(f.regions, prefix);
    }
    doc.add_text(f.region_code, region);
    doc.add_u64(f.employer_id, c.employer_id as u64);
    doc.add_f64(f.lat, c.site.lat);
    doc.add_f64(f.lon, c.site.lon);
    doc.add_u64(f.site_approximate, u64::from(c.site_approximate));
    doc.add_u64(f.wage_min, u64::from(c.wage_min));
    doc.add_u64(f.wage_max, u64::from(c.wage_max));
    doc.add_text(f.schedule, c.schedule.as_str());
    doc.add_u64(f.accommodation, u64::from(c.accommodation));
    doc.add_u64(f.accessible, u64::from(c.accessible));
    doc.add_u64(f.physical, c.physical_demand.rank());
    doc.add_i64(f.valid_until, c.valid_until.unix_days());
    doc.add_i64(f.created_at, p.created_at);
    doc
}

/// The fields a kind's words go into.
pub struct WordFields {
    pub title: Field,
    pub body: Field,
    pub title_chars: Field,
    pub body_chars: Field,
    /// `None` for a kind without skills (products).
    pub skills: Option<Field>,
}

/// Adds a record's words, as every kind does: the title, the body (`body`
/// then the names and synonyms of the skills, so "做衣服" finds a record
/// that only says 缝纫), each Chinese character of both once, and the skill
/// codes (a kind without skills passes none).
pub fn add_words(doc: &mut TantivyDocument, f: &WordFields, title: &str, mut body: String, codes: &[SkillCode], skills: &SkillCatalog) {
    doc.add_text(f.title, title);
    for code in codes {
        body.push(' ');
        body.push_str(&skills.all_terms(code.as_ref()).join(" "));
    }
    doc.add_text(f.body, &body);
    for ch in ideographs(title) {
        doc.add_text(f.title_chars, &ch);
    }
    for ch in ideographs(&body) {
        doc.add_text(f.body_chars, &ch);
    }
    if let Some(field) = f.skills {
        for code in codes {
            doc.add_text(field, code.as_ref());
        }
    }
}
