//! Queries over the postings index: filters as zero-scored must-clauses,
//! relevance from skill codes and jieba-tokenised text, and an optional
//! distance blend computed from fast fields inside the top-k collector.

use std::ops::Bound;
use std::sync::Arc;

use anyhow::Context;
use doorstep_shared::api::{PhysicalDemand, Schedule};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, Order, Searcher, Term};

pub use super::columns::IndexedPosting;
use super::columns::SegmentColumns;
use super::{PostingFields, PostingIndex, JIEBA};
use crate::domain::{BoundingBox, Point};

/// Hard filters every result satisfies.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Only postings valid on this day or later.
    pub valid_on: i64,
    /// Region code prefix (province, city, county, town).
    pub region: Option<String>,
    pub bbox: Option<BoundingBox>,
    /// `wage_max` at least this.
    pub min_wage: Option<u32>,
    pub accessible_only: bool,
    pub accommodation_only: bool,
    pub max_physical: Option<PhysicalDemand>,
    /// `None`: any schedule.
    pub schedules: Option<Vec<Schedule>>,
    pub skill: Option<String>,
}

/// What makes a posting relevant.
#[derive(Debug, Clone, Default)]
pub struct Relevance {
    pub skills: Vec<String>,
    pub text: Option<String>,
}

impl Relevance {
    pub fn is_empty(&self) -> bool {
        self.skills.is_empty() && self.text.as_deref().is_none_or(|t| t.trim().is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// Text and skill relevance, blended with nearness when `near` is set.
    Relevance,
    /// Nearest first (needs `near`).
    Distance,
    Newest,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub filters: Filters,
    pub relevance: Relevance,
    pub ranking: Ranking,
    pub near: Option<Point>,
    /// Gaussian width for the distance blend, km.
    pub distance_scale_km: f64,
    pub offset: usize,
    pub limit: usize,
    /// When relevance finds fewer hits than this, fill with the best
    /// filter-only hits (same searcher, so one consistent snapshot).
    pub fill_below: usize,
    /// Whether hits carry title and region code (search pages read the
    /// database instead; matching reads them for its final few only).
    pub with_text: bool,
}

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
    /// The snapshot the hits came from, for `fill_text`.
    pub searcher: Searcher,
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
        let searcher = self.reader.searcher();
        let relevance = self.relevance_query(&req.relevance);
        let has_relevance = relevance.is_some();
        let filter = || Box::new(ConstScoreQuery::new(filter_query(&self.fields, &req.filters), 0.0)) as Box<dyn Query>;
        let query: Box<dyn Query> = match relevance {
            Some(r) => Box::new(BooleanQuery::new(vec![(Occur::Must, r), (Occur::Must, filter())])),
            None => filter(),
        };
        let (mut addresses, total) = collect(&searcher, query.as_ref(), req)?;
        if has_relevance && addresses.len() < req.fill_below {
            let (more, _) = collect(&searcher, filter().as_ref(), req)?;
            for (_, address) in more {
                if !addresses.iter().any(|(_, a)| *a == address) {
                    addresses.push((0.0, address));
                }
            }
        }
        let hits = load_hits(&searcher, addresses, req.near, req.with_text)?;
        Ok(SearchResult { hits, total, searcher })
    }

    /// Fills title and region code of the hits that made it to the end.
    pub fn fill_text<'a>(&self, searcher: &Searcher, postings: impl Iterator<Item = (&'a mut IndexedPosting, DocAddress)>) -> anyhow::Result<()> {
        for (posting, address) in postings {
            let columns = SegmentColumns::open(searcher.segment_reader(address.segment_ord))?;
            columns.fill_text(posting, address.doc_id);
        }
        Ok(())
    }

    /// Skill codes (strong) and text tokens in title (stronger) and body.
    fn relevance_query(&self, r: &Relevance) -> Option<Box<dyn Query>> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for code in &r.skills {
            let term = TermQuery::new(Term::from_field_text(f.skills, code), IndexRecordOption::Basic);
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(term), 3.0))));
        }
        if let Some(text) = r.text.as_deref() {
            for token in self.tokens(text) {
                let title = TermQuery::new(Term::from_field_text(f.title, &token), IndexRecordOption::WithFreqs);
                let body = TermQuery::new(Term::from_field_text(f.body, &token), IndexRecordOption::WithFreqs);
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(title), 2.0))));
                clauses.push((Occur::Should, Box::new(body)));
            }
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

fn filter_query(f: &PostingFields, x: &Filters) -> Box<dyn Query> {
    let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
    let range = |lo: Term, hi: Bound<Term>| Box::new(RangeQuery::new(Bound::Included(lo), hi)) as Box<dyn Query>;
    let term = |field, text: &str| Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic)) as Box<dyn Query>;
    must.push((Occur::Must, range(Term::from_field_i64(f.valid_until, x.valid_on), Bound::Unbounded)));
    if let Some(region) = &x.region {
        must.push((Occur::Must, term(f.regions, region)));
    }
    if let Some(b) = &x.bbox {
        must.push((Occur::Must, range(Term::from_field_f64(f.lat, b.min_lat), Bound::Included(Term::from_field_f64(f.lat, b.max_lat)))));
        must.push((Occur::Must, range(Term::from_field_f64(f.lon, b.min_lon), Bound::Included(Term::from_field_f64(f.lon, b.max_lon)))));
    }
    if let Some(w) = x.min_wage {
        must.push((Occur::Must, range(Term::from_field_u64(f.wage_max, u64::from(w)), Bound::Unbounded)));
    }
    if x.accessible_only {
        must.push((Occur::Must, Box::new(TermQuery::new(Term::from_field_u64(f.accessible, 1), IndexRecordOption::Basic))));
    }
    if x.accommodation_only {
        must.push((Occur::Must, Box::new(TermQuery::new(Term::from_field_u64(f.accommodation, 1), IndexRecordOption::Basic))));
    }
    if let Some(max) = x.max_physical {
        must.push((Occur::Must, range(Term::from_field_u64(f.physical, 0), Bound::Included(Term::from_field_u64(f.physical, max.rank())))));
    }
    if let Some(schedules) = &x.schedules {
        let any: Vec<(Occur, Box<dyn Query>)> = schedules.iter().map(|s| (Occur::Should, term(f.schedule, s.as_str()))).collect();
        must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
    }
    if let Some(skill) = &x.skill {
        must.push((Occur::Must, term(f.skills, skill)));
    }
    Box::new(BooleanQuery::new(must))
}

/// Top documents by the request's ranking, each with its plain BM25.
fn collect(searcher: &Searcher, query: &dyn Query, req: &SearchRequest) -> anyhow::Result<(Vec<(f32, DocAddress)>, usize)> {
    let top = TopDocs::with_limit(req.limit.max(1)).and_offset(req.offset);
    Ok(match (req.ranking, req.near) {
        (Ranking::Newest, _) | (Ranking::Distance, None) => {
            // Ids grow with time, and unlike seconds they never tie.
            let (docs, total) = searcher.search(query, &(top.order_by_fast_field::<u64>("id", Order::Desc), Count))?;
            (docs.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
        }
        (ranking, Some(near)) => {
            let scale = req.distance_scale_km.max(1.0);
            let by_distance = ranking == Ranking::Distance;
            let collector = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                let lat = segment.fast_fields().f64("lat").ok().map(|c| c.first_or_default_col(0.0));
                let lon = segment.fast_fields().f64("lon").ok().map(|c| c.first_or_default_col(0.0));
                // The key carries plain BM25 too, so hits need no second scoring pass.
                move |doc: tantivy::DocId, bm25: tantivy::Score| {
                    let (Some(lat), Some(lon)) = (&lat, &lon) else { return (bm25, bm25) };
                    let km = near.distance_km(&Point { lat: lat.get_val(doc), lon: lon.get_val(doc) });
                    if by_distance {
                        return (-(km as f32), bm25);
                    }
                    // Saturated BM25 and a gaussian of distance, both in [0, 1].
                    let rel = bm25 / (bm25 + 2.0);
                    let near = (-(km / scale).powi(2) / 2.0).exp() as f32;
                    (0.6 * rel + 0.4 * near, bm25)
                }
            });
            let (docs, total) = searcher.search(query, &(collector, Count))?;
            (docs.into_iter().map(|((_, bm25), a)| (bm25, a)).collect(), total)
        }
        (Ranking::Relevance, None) => searcher.search(query, &(top.order_by_score(), Count))?,
    })
}

/// Reads hits from fast-field columns, opening each segment's columns once.
fn load_hits(searcher: &Searcher, addresses: Vec<(f32, DocAddress)>, near: Option<Point>, with_text: bool) -> anyhow::Result<Vec<Hit>> {
    let mut hits = Vec::with_capacity(addresses.len());
    let mut columns: Vec<Option<SegmentColumns>> = (0..searcher.segment_readers().len()).map(|_| None).collect();
    for (relevance, address) in addresses {
        let slot = &mut columns[address.segment_ord as usize];
        if slot.is_none() {
            *slot = Some(SegmentColumns::open(searcher.segment_reader(address.segment_ord))?);
        }
        let Some(segment) = slot.as_ref() else { continue };
        let mut posting = segment.posting(address.doc_id);
        if with_text {
            segment.fill_text(&mut posting, address.doc_id);
        }
        let distance_km = near.map(|n| n.distance_km(&posting.site));
        hits.push(Hit { relevance, posting, distance_km, address });
    }
    Ok(hits)
}
