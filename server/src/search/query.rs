//! Queries over the postings index: relevance from skill codes and
//! jieba-tokenised text, term filters (region, skill) as zero-scored
//! must-clauses, and the column filters and ranking in the collector.

use std::ops::Bound;
use std::sync::Arc;

use anyhow::Context;
use tantivy::collector::TopDocs;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, Searcher, Term};

pub use super::columns::IndexedPosting;
use super::collector::{GatedTopK, Key};
pub use super::columns::SegmentColumns;
use super::request::{Filters, Ranking, Relevance, SearchRequest, SKILL_BOOST, TITLE_BOOST};
use super::{PostingFields, PostingIndex, JIEBA};
use crate::domain::Point;

/// One hit: relevance (BM25 over skills and text; 0 when none asked), the
/// facts of the posting, and its distance when `near` was set.
#[derive(Debug, Clone)]
pub struct Hit {
    pub relevance: f32,
    pub posting: IndexedPosting,
    pub distance_km: Option<f64>,
    pub address: DocAddress,
}

#[derive(Clone)]
pub struct SearchResult {
    pub hits: Vec<Hit>,
    pub total: usize,
    /// Columns of the snapshot the hits came from, by segment, for `fill_text`.
    pub columns: Vec<Arc<SegmentColumns>>,
}

impl PostingIndex {
    /// Runs a search on the blocking pool, with bounded concurrency.
    pub async fn search(self: &Arc<Self>, req: SearchRequest) -> anyhow::Result<SearchResult> {
        let _permit = self.permits.acquire().await.context("search permits closed")?;
        let index = self.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(|| index.search_blocking(&req)))
            .await
            .context("search task failed")?
    }

    pub fn search_blocking(&self, req: &SearchRequest) -> anyhow::Result<SearchResult> {
        self.search_with(req, true)
    }

    /// `skill_path`: whether a relevance of skills only is read from the
    /// skills' cells (`by_skill.rs`) rather than run as a query; the results
    /// are the same, which a test checks by asking both.
    pub(super) fn search_with(&self, req: &SearchRequest, skill_path: bool) -> anyhow::Result<SearchResult> {
        let searcher = self.reader.searcher();
        let columns = self.columns.for_searcher(&searcher)?;
        let tokens = req.relevance.text.as_deref().map(|t| self.tokens(t)).unwrap_or_default();
        let relevance = self.relevance_query(&req.relevance.skills, &tokens);
        let has_relevance = relevance.is_some();
        let scope = scope_query(&self.fields, &req.filters);
        let skills_only = skill_path && tokens.is_empty() && scope.is_none() && req.ranking == Ranking::Relevance;
        let (mut addresses, total) = match (relevance, scope) {
            (Some(_), None) if skills_only => self.by_skill(&searcher, &columns, req)?,
            (Some(r), Some(scope)) => collect(&searcher, &columns, &self.fields, &BooleanQuery::new(vec![(Occur::Must, r), (Occur::Must, zero_scored(scope))]), req)?,
            (Some(r), None) => collect(&searcher, &columns, &self.fields, r.as_ref(), req)?,
            (None, _) => collect(&searcher, &columns, &self.fields, self.filter_only_query(&req.filters).as_ref(), req)?,
        };
        if has_relevance && addresses.len() < req.fill_below {
            for (_, address) in self.nearest(&searcher, &columns, req)? {
                if !addresses.iter().any(|(_, a)| *a == address) {
                    addresses.push((0.0, address));
                }
            }
        }
        let hits = load_hits(&columns, addresses, req.near, req.with_text);
        Ok(SearchResult { hits, total, columns })
    }

    /// A plain BM25 top-k over the relevance terms: no filters, no count,
    /// tantivy's own pruning top-k. The yardstick matching is measured against.
    pub fn plain_bm25(&self, relevance: &Relevance, k: usize) -> anyhow::Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let columns = self.columns.for_searcher(&searcher)?;
        let tokens = relevance.text.as_deref().map(|t| self.tokens(t)).unwrap_or_default();
        let Some(query) = self.relevance_query(&relevance.skills, &tokens) else { return Ok(Vec::new()) };
        let top = searcher.search(query.as_ref(), &TopDocs::with_limit(k.max(1)).order_by_score())?;
        Ok(load_hits(&columns, top, None, true))
    }

    /// What drives a search without relevance: the term filters, else the
    /// latitude band of the box, else every document. The collector's gate
    /// checks the rest.
    pub(super) fn filter_only_query(&self, filters: &Filters) -> Box<dyn Query> {
        let f = &self.fields;
        let query = scope_query(f, filters).or_else(|| {
            filters.bbox.map(|b| {
                let band = RangeQuery::new(Bound::Included(Term::from_field_f64(f.lat, b.min_lat)), Bound::Included(Term::from_field_f64(f.lat, b.max_lat)));
                Box::new(band) as Box<dyn Query>
            })
        });
        zero_scored(query.unwrap_or_else(|| Box::new(AllQuery)))
    }

    /// Skill codes (strong) and text tokens in title (stronger) and body.
    fn relevance_query(&self, skills: &[String], tokens: &[String]) -> Option<Box<dyn Query>> {
        let f = &self.fields;
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
    fn tokens(&self, text: &str) -> Vec<String> {
        let Some(mut analyzer) = self.index.tokenizers().get(JIEBA) else { return Vec::new() };
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
}

/// The filters that are terms (region, skill): cheap postings to intersect
/// with. The column filters are the collector's gate.
fn scope_query(f: &PostingFields, x: &Filters) -> Option<Box<dyn Query>> {
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

fn zero_scored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// Top documents by the request's ranking, each with its plain BM25, and
/// how many passed the filters.
pub(super) fn collect(searcher: &Searcher, columns: &[Arc<SegmentColumns>], fields: &PostingFields, query: &dyn Query, req: &SearchRequest) -> anyhow::Result<(Vec<(f32, DocAddress)>, usize)> {
    let (ranked, total) = searcher.search(query, &collector(columns, fields, req))?;
    Ok((ranked.into_iter().map(|(_, bm25, address)| (bm25, address)).collect(), total))
}

pub(super) fn collector(columns: &[Arc<SegmentColumns>], fields: &PostingFields, req: &SearchRequest) -> GatedTopK {
    let key = match (req.ranking, req.near) {
        (Ranking::Newest, _) | (Ranking::Distance, None) => Key::Newest,
        (Ranking::Distance, Some(near)) => Key::Nearest(near),
        (Ranking::Relevance, Some(near)) => Key::Blend(near, req.distance_scale_km.max(1.0)),
        (Ranking::Relevance, None) => Key::Score,
    };
    GatedTopK {
        key,
        filters: req.filters.clone(),
        offset: req.offset,
        limit: req.limit.max(1),
        columns: columns.to_vec(),
        fields: *fields,
    }
}

/// Fills title and region code of the hits that made it to the end.
pub fn fill_text<'a>(columns: &[Arc<SegmentColumns>], postings: impl Iterator<Item = (&'a mut IndexedPosting, DocAddress)>) {
    for (posting, address) in postings {
        if let Some(segment) = columns.get(address.segment_ord as usize) {
            segment.fill_text(posting, address.doc_id);
        }
    }
}

/// Reads hits from the segments' fast-field columns.
fn load_hits(columns: &[Arc<SegmentColumns>], addresses: Vec<(f32, DocAddress)>, near: Option<Point>, with_text: bool) -> Vec<Hit> {
    let mut hits = Vec::with_capacity(addresses.len());
    for (relevance, address) in addresses {
        let Some(segment) = columns.get(address.segment_ord as usize) else { continue };
        let mut posting = segment.posting(address.doc_id);
        if with_text {
            segment.fill_text(&mut posting, address.doc_id);
        }
        let distance_km = near.map(|n| n.distance_km(&posting.site));
        hits.push(Hit { relevance, posting, distance_km, address });
    }
    hits
}
