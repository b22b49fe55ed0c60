//! A stored posting as an index document.
//!
//! Place in the order (see `mod.rs`): above `schema`; the indexer writes
//! what it makes.

use tantivy::TantivyDocument;

use super::schema::{ideographs, PostingFields};
use crate::reference::SkillCatalog;
use crate::storage::StoredPosting;

pub fn to_document(p: &StoredPosting, f: &PostingFields, skills: &SkillCatalog) -> TantivyDocument {
    let c = &p.content;
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, p.id as u64);
    doc.add_text(f.title, &c.title);
    // Skill names and synonyms make "做衣服" find a posting that only says 缝纫.
    let mut body = c.description.clone();
    for code in &c.skills {
        body.push(' ');
        body.push_str(&skills.all_terms(code.as_ref()).join(" "));
    }
    doc.add_text(f.body, &body);
    for ch in ideographs(&c.title) {
        doc.add_text(f.title_chars, &ch);
    }
    for ch in ideographs(&body) {
        doc.add_text(f.body_chars, &ch);
    }
    for code in &c.skills {
        doc.add_text(f.skills, code.as_ref());
    }
    let region: &str = c.region.as_ref();
    for len in [2, 4, 6, 9, 12] {
        if region.len() >= len {
            doc.add_text(f.regions, &region[..len]);
        }
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
