//! The postings schema, built once, with typed field handles: the only
//! place that names fields; everything else reads them through
//! `PostingFields` (columns by `Schema::get_field_name` of a handle).
//!
//! Place in the order (see `mod.rs`): the bottom; it uses no other search
//! module.

use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING};
use tantivy::tokenizer::{Language, LowerCaser, RemoveLongFilter, Stemmer, TextAnalyzer, TokenStream};

/// The name the jieba analyzer is registered under.
pub const JIEBA: &str = "jieba";

#[derive(Debug, Clone, Copy)]
pub struct PostingFields {
    pub id: Field,
    pub title: Field,
    /// Description plus the names and synonyms of the required skills.
    pub body: Field,
    /// Each Chinese character of the title once (`ideographs`): one-character
    /// words (茶, 鞋, 厂) are found inside longer ones (采茶工, 制鞋, 电子厂).
    pub title_chars: Field,
    /// Each Chinese character of the body once.
    pub body_chars: Field,
    pub skills: Field,
    /// Every prefix of the site's region code: 61, 6109, 610902, 610902001.
    pub regions: Field,
    pub region_code: Field,
    pub employer_id: Field,
    pub lat: Field,
    pub lon: Field,
    /// 1 when the site is its region's stand-in point (`domain::Place`).
    pub site_approximate: Field,
    pub wage_min: Field,
    pub wage_max: Field,
    pub schedule: Field,
    pub accommodation: Field,
    pub accessible: Field,
    pub physical: Field,
    pub valid_until: Field,
    pub created_at: Field,
}

pub fn build_schema() -> (Schema, PostingFields) {
    let mut b = Schema::builder();
    let text = jieba_text;
    let fields = PostingFields {
        id: b.add_u64_field("id", INDEXED | STORED | FAST),
        // Fast (raw) as well, so results are read from columns, not the doc store.
        title: b.add_text_field("title", text(true).set_fast("raw")),
        body: b.add_text_field("body", text(false)),
        title_chars: b.add_text_field("title_chars", STRING),
        body_chars: b.add_text_field("body_chars", STRING),
        skills: b.add_text_field("skills", STRING | STORED | FAST),
        regions: b.add_text_field("regions", STRING),
        region_code: b.add_text_field("region_code", STRING | STORED | FAST),
        employer_id: b.add_u64_field("employer_id", STORED | FAST),
        lat: b.add_f64_field("lat", INDEXED | STORED | FAST),
        lon: b.add_f64_field("lon", INDEXED | STORED | FAST),
        site_approximate: b.add_u64_field("site_approximate", STORED | FAST),
        wage_min: b.add_u64_field("wage_min", STORED | FAST),
        wage_max: b.add_u64_field("wage_max", INDEXED | STORED | FAST),
        schedule: b.add_text_field("schedule", STRING | STORED | FAST),
        accommodation: b.add_u64_field("accommodation", INDEXED | STORED | FAST),
        accessible: b.add_u64_field("accessible", INDEXED | STORED | FAST),
        physical: b.add_u64_field("physical", INDEXED | STORED | FAST),
        valid_until: b.add_i64_field("valid_until", INDEXED | STORED | FAST),
        created_at: b.add_i64_field("created_at", STORED),
    };
    (b.build(), fields)
}

/// A text field analysed by jieba, with positions; stored if asked.
pub fn jieba_text(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default().set_tokenizer(JIEBA).set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// jieba segmentation (search mode), lowercased, absurdly long tokens dropped.
pub fn jieba_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new()).filter(RemoveLongFilter::limit(40)).filter(LowerCaser).build()
}

/// The words of a short text as the skill resolver compares them: the jieba
/// words of the index (search mode, so "养老护理员" gives 养老, 护理, 护理员 and
/// the whole), lowercased, English words stemmed ("cooking" and "cooks" are
/// "cook"), without spaces and punctuation; each word once, in order.
pub fn word_stems(text: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::new())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut out: Vec<String> = Vec::new();
    while let Some(token) = stream.next() {
        let word = &token.text;
        if word.chars().any(char::is_alphanumeric) && !out.contains(word) {
            out.push(word.clone());
        }
    }
    out
}

/// The distinct Chinese characters of `text`, in order of first appearance:
/// what the `*_chars` fields hold, and what a one-character query word is
/// looked up as.
pub fn ideographs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in text.chars().filter(|&c| is_ideograph(c)) {
        let s = c.to_string();
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Every official prefix of a region code (province, city, county, town,
/// village): what the `regions` fields hold, so a filter is one term.
pub fn region_prefixes(region: &str) -> impl Iterator<Item = &str> {
    [2, 4, 6, 9, 12].into_iter().filter(move |&len| region.len() >= len).map(move |len| &region[..len])
}

/// Whether `c` is a CJK unified ideograph (the basic block and extension A).
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::{ideographs, word_stems};

    #[test]
    fn word_stems_are_jieba_words_and_english_stems() {
        assert_eq!(word_stems("Line cooks, cooking!"), vec!["line", "cook"]);
        let words = word_stems("养老护理员");
        assert!(words.contains(&"养老".to_string()) && words.contains(&"护理".to_string()), "{words:?}");
    }

    #[test]
    fn ideographs_are_the_distinct_chinese_characters_in_order() {
        assert_eq!(ideographs("采茶工 tea 采茶，2人"), vec!["采", "茶", "工", "人"]);
        assert!(ideographs("abc 123 ，。").is_empty());
    }
}
