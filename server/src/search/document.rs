//! A stored posting as an index document, and back.

use doorstep_shared::api::{PhysicalDemand, Schedule};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

use super::PostingFields;
use crate::domain::{parse_day, Point};
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

/// The facts of an indexed posting that matching and search results need.
#[derive(Debug, Clone)]
pub struct IndexedPosting {
    pub id: i64,
    pub title: String,
    pub skills: Vec<String>,
    pub region_code: String,
    pub employer_id: i64,
    pub site: Point,
    pub wage_min: u32,
    pub wage_max: u32,
    pub schedule: Schedule,
    pub accommodation: bool,
    pub accessible: bool,
    pub physical_demand: PhysicalDemand,
    pub valid_until: i64,
}

pub fn from_document(doc: &TantivyDocument, f: &PostingFields) -> IndexedPosting {
    let u = |field| doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
    let fl = |field| doc.get_first(field).and_then(|v| v.as_f64()).unwrap_or(0.0);
    let s = |field| doc.get_first(field).and_then(|v| v.as_str()).unwrap_or("").to_string();
    IndexedPosting {
        id: u(f.id) as i64,
        title: s(f.title),
        skills: doc.get_all(f.skills).filter_map(|v| v.as_str().map(String::from)).collect(),
        region_code: s(f.region_code),
        employer_id: u(f.employer_id) as i64,
        site: Point { lat: fl(f.lat), lon: fl(f.lon) },
        wage_min: u(f.wage_min) as u32,
        wage_max: u(f.wage_max) as u32,
        schedule: Schedule::parse(&s(f.schedule)).unwrap_or(Schedule::FullTime),
        accommodation: u(f.accommodation) == 1,
        accessible: u(f.accessible) == 1,
        physical_demand: PhysicalDemand::ALL[(u(f.physical) as usize).min(2)],
        valid_until: doc.get_first(f.valid_until).and_then(|v| v.as_i64()).unwrap_or(0),
    }
}
