//! A stored posting as an index document.
//!
//! Place in the order (see `mod.rs`): above `schema`; the indexer writes
//! what it makes.

use doorstep_shared::api::PhysicalDemand;
use tantivy::TantivyDocument;

use super::schema::PostingFields;
use crate::domain::parse_day;
use crate::reference::SkillCatalog;
use crate::storage::StoredPosting;

pub fn to_document(p: &StoredPosting, f: &PostingFields, skills: &SkillCatalog) -> TantivyDocument {
    let r = &p.row;
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, r.id as u64);
    doc.add_text(f.title, &r.title);
    // Skill names and synonyms make "做衣服" find a posting that only says 缝纫.
    let mut body = r.description.clone();
    for code in &p.skills {
        body.push(' ');
        body.push_str(&skills.all_terms(code).join(" "));
    }
    doc.add_text(f.body, &body);
    for code in &p.skills {
        doc.add_text(f.skills, code);
    }
    for len in [2, 4, 6, 9, 12] {
        if r.region_code.len() >= len {
            doc.add_text(f.regions, &r.region_code[..len]);
        }
    }
    doc.add_text(f.region_code, &r.region_code);
    doc.add_u64(f.employer_id, r.employer_id as u64);
    doc.add_f64(f.lat, r.lat);
    doc.add_f64(f.lon, r.lon);
    doc.add_u64(f.wage_min, r.wage_min as u64);
    doc.add_u64(f.wage_max, r.wage_max as u64);
    doc.add_text(f.schedule, &r.schedule);
    doc.add_u64(f.accommodation, r.accommodation as u64);
    doc.add_u64(f.accessible, r.accessible as u64);
    doc.add_u64(f.physical, PhysicalDemand::parse(&r.physical_demand).map_or(2, PhysicalDemand::rank));
    doc.add_i64(f.valid_until, parse_day(&r.valid_until).unwrap_or(0));
    doc.add_i64(f.created_at, r.created_at);
    doc
}
