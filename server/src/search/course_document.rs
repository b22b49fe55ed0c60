//! A course session as an index document: its course's words, its place
//! and time, its free places.
//!
//! Place in the order (see `mod.rs`): above `course_schema`, `document`
//! and `schema`;
//! the indexer writes what it makes.

use tantivy::TantivyDocument;

use super::course_schema::CourseSessionFields;
use super::document::{add_words, WordFields};
use super::schema::region_prefixes;
use crate::reference::SkillCatalog;
use crate::storage::CourseSessionDoc;

pub fn course_session_document(s: &CourseSessionDoc, f: &CourseSessionFields, skills: &SkillCatalog) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, s.id as u64);
    doc.add_u64(f.course_id, s.course_id as u64);
    let words = WordFields { title: f.title, body: f.body, title_chars: f.title_chars, body_chars: f.body_chars, skills: Some(f.skills) };
    add_words(&mut doc, &words, &s.title, format!("{} {}", s.description, s.provider), &s.skills, skills);
    for prefix in region_prefixes(s.region.as_ref()) {
        doc.add_text(f.regions, prefix);
    }
    doc.add_f64(f.lat, s.lat);
    doc.add_f64(f.lon, s.lon);
    doc.add_text(f.period, s.period.as_str());
    for day in &s.days {
        doc.add_text(f.days, day.as_str());
    }
    doc.add_i64(f.start_date, s.start_date.unix_days());
    doc.add_i64(f.end_date, s.end_date.unix_days());
    doc.add_u64(f.free_places, s.free_places() as u64);
    doc.add_text(f.status, s.status.as_str());
    doc
}
