//! The course-session schema, built once, with typed field handles: the
//! only place that names its fields. Text is looked up as in postings
//! (`schema.rs`): jieba words in `title`/`body`, one-character words by
//! character in `title_chars`/`body_chars`.
//!
//! Place in the order (see `mod.rs`): above `schema`.

use tantivy::schema::{Field, Schema, FAST, INDEXED, STORED, STRING};

use super::schema::jieba_text;

#[derive(Debug, Clone, Copy)]
pub struct CourseSessionFields {
    /// The session's id.
    pub id: Field,
    pub course_id: Field,
    /// The course's title.
    pub title: Field,
    /// Description, provider, and the names and synonyms of the course's skills.
    pub body: Field,
    pub title_chars: Field,
    pub body_chars: Field,
    pub skills: Field,
    /// Every prefix of the session's region code: 61, 6109, 610902, 610902001.
    pub regions: Field,
    pub lat: Field,
    pub lon: Field,
    /// `daytime` or `evening`.
    pub period: Field,
    /// Each weekday it meets on (`mon` … `sun`).
    pub days: Field,
    /// Days since 1970-01-01.
    pub start_date: Field,
    pub end_date: Field,
    pub free_places: Field,
    /// `open` or `full` (only those are indexed).
    pub status: Field,
}

pub fn course_session_schema() -> (Schema, CourseSessionFields) {
    let mut b = Schema::builder();
    let fields = CourseSessionFields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        course_id: b.add_u64_field("course_id", INDEXED | STORED | FAST),
        title: b.add_text_field("title", jieba_text(true)),
        body: b.add_text_field("body", jieba_text(false)),
        title_chars: b.add_text_field("title_chars", STRING),
        body_chars: b.add_text_field("body_chars", STRING),
        skills: b.add_text_field("skills", STRING | STORED),
        regions: b.add_text_field("regions", STRING),
        lat: b.add_f64_field("lat", STORED | FAST),
        lon: b.add_f64_field("lon", STORED | FAST),
        period: b.add_text_field("period", STRING | STORED),
        days: b.add_text_field("days", STRING | STORED),
        start_date: b.add_i64_field("start_date", INDEXED | STORED | FAST),
        end_date: b.add_i64_field("end_date", STORED | FAST),
        free_places: b.add_u64_field("free_places", INDEXED | STORED | FAST),
        status: b.add_text_field("status", STRING | STORED),
    };
    (b.build(), fields)
}
