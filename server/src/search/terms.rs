//! The tantivy queries a request runs: relevance from skill codes and
//! jieba-tokenised text (one-character words by character), the term filters (region, skill) as zero-scored
//! must-clauses, and what drives a search without relevance. The column
//! filters and the ranking are the collector's (`collector.rs`).
//!
//! Place in the order (see `mod.rs`): above `schema` and `request`, beside
//! `collector` and `index`; the fill and the query build their queries here.

use std::ops::Bound;

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, Term};

use super::document::WordFields;
use super::request::{Filters, Relevance, TITLE_BOOST};
use super::schema::{is_ideograph, PostingFields, JIEBA};

/// The words of user text a search looks up: jieba words of two or more
/// characters (or Latin and digits) in `title`/`body`, and one-character
/// Chinese words (茶, 鞋, 厂) in `title_chars`/`body_chars`, so they are found
/// inside the longer words jieba indexed them in (采茶工, 制鞋, 电子厂).
#[derive(Debug, Default)]
pub(super) struct TextTerms {
    pub words: Vec<String>,
    pub chars: Vec<String>,
}

impl TextTerms {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.chars.is_empty()
    }
}

/// One-character words that carry no subject: particles, pronouns and the
/// verbs of "我想在附近找个工作". Every other one-character word is searched.
const PARTICLES: &str =
    "的了着过吗呢吧啊呀嘛在想要找我你他她它们这那哪个些和与或及是有在把被给让对从到里上下不没也都还就才又很太最更能会可以去来做干份点啥么什怎";

/// Skill codes (strong) and text in title (stronger) and body.
pub(super) fn relevance_query(f: &PostingFields, relevance: &Relevance, text: &TextTerms) -> Option<Box<dyn Query>> {
    let fields = WordFields { skills: Some(f.skills), title: f.title, body: f.body, title_chars: f.title_chars, body_chars: f.body_chars };
    let skills: Vec<(&str, f32)> = relevance.skills.iter().map(|code| (code.as_str(), relevance.skill_boost(code))).collect();
    words_query(&fields, &skills, text)
}

/// Skill codes, each with its boost (strong), and text in title (stronger)
/// and body, in any kind's fields (a kind without skills passes none).
pub(super) fn words_query(f: &WordFields, skills: &[(&str, f32)], text: &TextTerms) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(field) = f.skills {
        for (code, boost) in skills {
            let term = TermQuery::new(Term::from_field_text(field, code), IndexRecordOption::Basic);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), *boost))));
        }
    }
    let words = text.words.iter().map(|w| (f.title, f.body, w, IndexRecordOption::WithFreqs));
    let chars = text.chars.iter().map(|c| (f.title_chars, f.body_chars, c, IndexRecordOption::Basic));
    for (title, body, token, option) in words.chain(chars) {
        let title = TermQuery::new(Term::from_field_text(title, token), option);
        let body = TermQuery::new(Term::from_field_text(body, token), option);
        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST))));
        clauses.push((Occur::Should, Box::new(body)));
    }
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

/// jieba words of user text: longer words as they are, one-character
/// Chinese words apart, particles (的, 想, 在) dropped.
pub(super) fn text_terms(index: &Index, text: &str) -> TextTerms {
    let mut out = TextTerms::default();
    let Some(mut analyzer) = index.tokenizers().get(JIEBA) else {
        return out;
    };
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let t = token.text.clone();
        let mut chars = t.chars();
        let list = match (chars.next(), chars.next()) {
            (Some(c), None) if is_ideograph(c) && !PARTICLES.contains(c) => &mut out.chars,
            (Some(_), Some(_)) => &mut out.words,
            _ if t.chars().all(|c| c.is_ascii_alphanumeric()) => &mut out.words,
            _ => continue,
        };
        if !list.contains(&t) && list.len() < 32 {
            list.push(t);
        }
    }
    out
}

/// The filters that are terms (region, skill): cheap postings to intersect
/// with. The column filters are the collector's gate.
pub(super) fn scope_query(f: &PostingFields, x: &Filters) -> Option<Box<dyn Query>> {
    let term = |field, text: &str| Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic)) as Box<dyn Query>;
    let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(region) = &x.region {
        must.push((Occur::Must, term(f.regions, region)));
    }
    if let Some(skill) = &x.skill {
        must.push((Occur::Must, term(f.skills, skill)));
    }
    // An approximate home admits sites by relation only: its region prefixes.
    if let Some(prefixes) = x.reach.as_ref().filter(|r| r.home_approximate).and_then(|r| r.prefixes()) {
        let any: Vec<(Occur, Box<dyn Query>)> = prefixes.iter().map(|p| (Occur::Should, term(f.regions, p))).collect();
        must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    match must.len() {
        0 => None,
        1 => must.pop().map(|(_, q)| q),
        _ => Some(Box::new(BooleanQuery::new(must))),
    }
}

/// What drives a search without relevance: the term filters, else the
/// latitude band of the box, else every document. The collector's gate
/// checks the rest.
pub(super) fn filter_only_query(f: &PostingFields, filters: &Filters) -> Box<dyn Query> {
    let query = scope_query(f, filters).or_else(|| {
        filters.area().map(|b| {
            let band = RangeQuery::new(Bound::Included(Term::from_field_f64(f.lat, b.min_lat)), Bound::Included(Term::from_field_f64(f.lat, b.max_lat)));
            Box::new(band) as Box<dyn Query>
        })
    });
    zero_scored(query.unwrap_or_else(|| Box::new(AllQuery)))
}

pub(super) fn zero_scored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}
