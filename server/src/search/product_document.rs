//! A product as an index document: its words (with its producer's name and
//! its category's names), its category, origin, producer, price and age.
//!
//! Place in the order (see `mod.rs`): above `product_schema`, `document`
//! and `schema`; the indexer writes what it makes.

use tantivy::TantivyDocument;

use super::document::{add_words, WordFields};
use super::product_schema::ProductFields;
use super::schema::region_prefixes;
use crate::domain::product_category_names;
use crate::reference::SkillCatalog;
use crate::storage::StoredProduct;

pub fn product_document(p: &StoredProduct, f: &ProductFields, skills: &SkillCatalog) -> TantivyDocument {
    let c = &p.content;
    let mut doc = TantivyDocument::default();
    doc.add_u64(f.id, p.id as u64);
    doc.add_u64(f.producer_id, p.producer_id as u64);
    let (zh, en) = product_category_names(c.category);
    let words = WordFields { title: f.title, body: f.body, title_chars: f.title_chars, body_chars: f.body_chars, skills: None };
    add_words(&mut doc, &words, &c.title, format!("{} {} {zh} {en}", c.description, p.producer_name), &[], skills);
    doc.add_text(f.category, c.category.as_str());
    for prefix in region_prefixes(c.origin.as_ref()) {
        doc.add_text(f.regions, prefix);
    }
    doc.add_u64(f.price_fen, u64::try_from(c.price_fen).unwrap_or(0));
    doc.add_i64(f.created_at, p.created_at);
    doc
}
