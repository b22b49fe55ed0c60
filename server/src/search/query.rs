//! Searching the postings index: a request's relevance and term filters
//! become a query (`terms.rs`) run through the gated collector
//! (`collector.rs`), or, for a relevance of skills only, a read of the
//! skills' cells (`by_skill.rs`); a thin result is filled with the nearest
//! postings that fit (`fill.rs`); hits are read from the columns.
//!
//! Place in the order (see `mod.rs`): the top, beside `indexer`.

use std::sync::Arc;

use anyhow::Context;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur};
use tantivy::DocAddress;

use super::by_skill::skill_hits;
use super::collector::collect;
use super::columns::{IndexedPosting, SegmentColumns};
use super::fill::nearest;
use super::openings::{openings, Openings, OpeningsRequest};
use super::postings::PostingIndex;
use super::request::{Ranking, Relevance, SearchRequest};
use super::terms::{filter_only_query, relevance_query, scope_query, text_terms, zero_scored};
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
        tokio::task::spawn_blocking(move || span.in_scope(|| index.search_blocking(&req))).await.context("search task failed")?
    }

    /// A relevance of skills only is read from the skills' cells
    /// (`by_skill.rs`) rather than run as a query; the results are the same,
    /// which a test there checks by asking both.
    pub fn search_blocking(&self, req: &SearchRequest) -> anyhow::Result<SearchResult> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let columns = self.cache.for_searcher(&searcher)?;
        let text = req.relevance.text.as_deref().map(|t| text_terms(&self.index, t)).unwrap_or_default();
        let relevance = relevance_query(f, &req.relevance, &text);
        let has_relevance = relevance.is_some();
        let scope = scope_query(f, &req.filters);
        let skills_only = text.is_empty() && scope.is_none() && req.ranking == Ranking::Relevance;
        let (mut addresses, total) = match (relevance, scope) {
            (Some(_), None) if skills_only => skill_hits(&searcher, &columns, f, req)?,
            (Some(r), Some(scope)) => collect(&searcher, &columns, f, &BooleanQuery::new(vec![(Occur::Must, r), (Occur::Must, zero_scored(scope))]), req)?,
            (Some(r), None) => collect(&searcher, &columns, f, r.as_ref(), req)?,
            (None, _) => collect(&searcher, &columns, f, filter_only_query(f, &req.filters).as_ref(), req)?,
        };
        if has_relevance && addresses.len() < req.fill_below {
            for (_, address) in nearest(&searcher, &columns, f, req)? {
                if !addresses.iter().any(|(_, a)| *a == address) {
                    addresses.push((0.0, address));
                }
            }
        }
        let hits = load_hits(&columns, addresses, req.near, req.with_text);
        Ok(SearchResult { hits, total, columns })
    }

    /// What each offered skill set adds to a person's matches (`openings.rs`),
    /// on the blocking pool, with bounded concurrency.
    pub async fn openings(self: &Arc<Self>, req: OpeningsRequest) -> anyhow::Result<Vec<Openings>> {
        let _permit = self.permits.acquire().await.context("search permits closed")?;
        let index = self.clone();
        let span = tracing::Span::current();
        tokio::task::spawn_blocking(move || span.in_scope(|| index.openings_blocking(&req))).await.context("openings task failed")?
    }

    /// `openings` on the caller's thread (the benches call it).
    pub fn openings_blocking(&self, req: &OpeningsRequest) -> anyhow::Result<Vec<Openings>> {
        let searcher = self.reader.searcher();
        let columns = self.cache.for_searcher(&searcher)?;
        Ok(openings(&searcher, &columns, req))
    }

    /// A plain BM25 top-k over the relevance terms: no filters, no count,
    /// tantivy's own pruning top-k. The yardstick matching is measured against.
    pub fn plain_bm25(&self, relevance: &Relevance, k: usize) -> anyhow::Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        let columns = self.cache.for_searcher(&searcher)?;
        let text = relevance.text.as_deref().map(|t| text_terms(&self.index, t)).unwrap_or_default();
        let Some(query) = relevance_query(&self.fields, relevance, &text) else { return Ok(Vec::new()) };
        let top = searcher.search(query.as_ref(), &TopDocs::with_limit(k.max(1)).order_by_score())?;
        Ok(load_hits(&columns, top, None, true))
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
