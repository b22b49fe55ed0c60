//! The tantivy queries a request runs: relevance from skill codes and
//! jieba-tokenised text, the term filters (region, skill) as zero-scored
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

use super::request::{Filters, SKILL_BOOST, TITLE_BOOST};
use super::schema::{PostingFields, JIEBA};

/// Skill codes (strong) and text tokens in title (stronger) and body.
pub(super) fn relevance_query(f: &PostingFields, skills: &[String], tokens: &[String]) -> Option<Box<dyn Query>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for code in skills {
        let term = TermQuery::new(Term::from_field_text(f.skills, code), IndexRecordOption::Basic);
        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), SKILL_BOOST))));
    }
    for token in tokens {
        let title = TermQuery::new(Term::from_field_text(f.title, token), IndexRecordOption::WithFreqs);
        let body = TermQuery::new(Term::from_field_text(f.body, token), IndexRecordOption::WithFreqs);
        clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST))));
        clauses.push((Occur::Should, Box::new(body)));
    }
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

/// jieba tokens of user text, without one-character particles (的, 想, 在).
pub(super) fn text_tokens(index: &Index, text: &str) -> Vec<String> {
    let Some(mut analyzer) = index.tokenizers().get(JIEBA) else { return Vec::new() };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        let t = token.text.clone();
        let keep = t.chars().count() >= 2 || t.chars().all(|c| c.is_ascii_alphanumeric());
        if keep && !out.contains(&t) {
            out.push(t);
        }
    }
    out.truncate(32);
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
        filters.bbox.map(|b| {
            let band = RangeQuery::new(Bound::Included(Term::from_field_f64(f.lat, b.min_lat)), Bound::Included(Term::from_field_f64(f.lat, b.max_lat)));
            Box::new(band) as Box<dyn Query>
        })
    });
    zero_scored(query.unwrap_or_else(|| Box::new(AllQuery)))
}

pub(super) fn zero_scored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}
