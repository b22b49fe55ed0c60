//! The product schema, built once, with typed field handles: the only place
//! that names its fields. Text is looked up as in postings (`schema.rs`):
//! jieba words in `title`/`body`, one-character words by character in
//! `title_chars`/`body_chars`.
//!
//! Place in the order (see `mod.rs`): above `schema`.

use tantivy::schema::{Field, Schema, FAST, INDEXED, STORED, STRING};

use super::schema::jieba_text;

#[derive(Debug, Clone, Copy)]
pub struct ProductFields {
    /// The product's id.
    pub id: Field,
    pub producer_id: Field,
    pub title: Field,
    /// Description, the producer's name, and the category's Chinese and
    /// English names (茶叶 tea), so "tea" finds 紫阳富硒茶.
    pub body: Field,
    pub title_chars: Field,
    pub body_chars: Field,
    /// The category's snake_case name (`tea`, `cured_meat`).
    pub category: Field,
    /// Every prefix of the origin's region code: 61, 6109, 610924, 610924100.
    pub regions: Field,
    /// Price of one unit in fen.
    pub price_fen: Field,
    /// Seconds since the Unix epoch.
    pub created_at: Field,
}

pub fn product_schema() -> (Schema, ProductFields) {
    let mut b = Schema::builder();
    let fields = ProductFields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        producer_id: b.add_u64_field("producer_id", INDEXED | STORED | FAST),
        title: b.add_text_field("title", jieba_text(true)),
        body: b.add_text_field("body", jieba_text(false)),
        title_chars: b.add_text_field("title_chars", STRING),
        body_chars: b.add_text_field("body_chars", STRING),
        category: b.add_text_field("category", STRING | STORED),
        regions: b.add_text_field("regions", STRING),
        price_fen: b.add_u64_field("price_fen", INDEXED | STORED | FAST),
        created_at: b.add_i64_field("created_at", STORED | FAST),
    };
    (b.build(), fields)
}
