//! Searching the course-session index: words (as postings: jieba words and
//! one-character words, skill names and synonyms), and filters by region,
//! skill, period, weekday, start date and free places as zero-scored terms
//! and ranges; a radius and the order (nearest first from a point, else
//! relevance then start date) are applied to the matches, which are few
//! (upcoming sessions, not postings).
//!
//! Place in the order (see `mod.rs`): the top, beside `query` and `indexer`.

use std::cmp::Ordering;
use std::ops::Bound;
use std::sync::Arc;

use anyhow::Context;
use doorstep_shared::api::{Period, Weekday};
use doorstep_shared::types::Day;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::course_schema::CourseSessionFields;
use super::courses::CourseIndex;
use super::document::WordFields;
use super::request::SKILL_BOOST;
use super::terms::{text_terms, words_query, zero_scored};
use crate::domain::Point;

/// What a course-session search asks.
#[derive(Debug, Clone, Default)]
pub struct CourseSearch {
    /// Free words, Chinese or English.
    pub text: Option<String>,
    /// Skill codes the words name (they weigh as skills).
    pub mentioned: Vec<String>,
    /// Region code prefix: sessions held inside it.
    pub region: Option<String>,
    /// Skill code: only courses that certify it.
    pub skill: Option<String>,
    pub period: Option<Period>,
    /// Only sessions meeting on this day.
    pub day: Option<Weekday>,
    /// Sessions starting strictly after this day (today).
    pub starts_after: Option<Day>,
    /// Start date from (inclusive).
    pub from: Option<Day>,
    /// Start date to (inclusive).
    pub to: Option<Day>,
    /// Measure distance from here, and order nearest first.
    pub near: Option<Point>,
    /// Only sessions within this many km of `near`.
    pub within_km: Option<f64>,
    /// Also sessions without free places (they offer a waitlist).
    pub include_full: bool,
    pub offset: usize,
    pub limit: usize,
}

/// One session found.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseHit {
    pub session_id: i64,
    pub relevance: f32,
    pub distance_km: Option<f64>,
    /// Days since 1970-01-01.
    start: i64,
}

#[derive(Debug, Clone)]
pub struct CourseResult {
    pub hits: Vec<CourseHit>,
    pub total: usize,
}

impl CourseIndex {
    /// Runs a search on the blocking pool, with bounded concurrency.
    pub async fn search(self: &Arc<Self>, req: CourseSearch) -> anyhow::Result<CourseResult> {
        let _permit = self.permits.acquire().await.context("search permits closed")?;
        let index = self.clone();
        tokio::task::spawn_blocking(move || index.search_blocking(&req)).await.context("search task failed")?
    }

    fn search_blocking(&self, req: &CourseSearch) -> anyhow::Result<CourseResult> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let text = req.text.as_deref().map(|t| text_terms(&self.index, t)).unwrap_or_default();
        let words = WordFields { skills: Some(f.skills), title: f.title, body: f.body, title_chars: f.title_chars, body_chars: f.body_chars };
        let filters = zero_scored(Box::new(BooleanQuery::new(filter_clauses(f, req))));
        let mentioned: Vec<(&str, f32)> = req.mentioned.iter().map(|code| (code.as_str(), SKILL_BOOST)).collect();
        let query: Box<dyn Query> = match words_query(&words, &mentioned, &text) {
            Some(relevance) => Box::new(BooleanQuery::new(vec![(Occur::Must, relevance), (Occur::Must, filters)])),
            None => filters,
        };
        let everything = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX).max(1);
        let found = searcher.search(query.as_ref(), &TopDocs::with_limit(everything).order_by_score())?;
        let mut hits = self.read_hits(&searcher, found, req)?;
        if let Some(km) = req.within_km {
            hits.retain(|h| h.distance_km.is_some_and(|d| d <= km));
        }
        hits.sort_by(|a, b| order(a, b, req.near.is_some()));
        let total = hits.len();
        let hits = hits.into_iter().skip(req.offset).take(req.limit).collect();
        Ok(CourseResult { hits, total })
    }

    /// Reads id, place and start date of the matches from the columns.
    fn read_hits(&self, searcher: &Searcher, found: Vec<(f32, tantivy::DocAddress)>, req: &CourseSearch) -> anyhow::Result<Vec<CourseHit>> {
        let schema = self.index.schema();
        let name = |field: Field| schema.get_field_name(field).to_string();
        let f = &self.fields;
        let mut columns = Vec::new();
        for segment in searcher.segment_readers() {
            let ff = segment.fast_fields();
            columns.push((ff.u64(&name(f.id))?, ff.f64(&name(f.lat))?, ff.f64(&name(f.lon))?, ff.i64(&name(f.start_date))?));
        }
        let mut hits = Vec::with_capacity(found.len());
        for (relevance, address) in found {
            let Some((id, lat, lon, start)) = columns.get(address.segment_ord as usize) else { continue };
            let doc = address.doc_id;
            let (Some(id), Some(lat), Some(lon), Some(start)) = (id.first(doc), lat.first(doc), lon.first(doc), start.first(doc)) else { continue };
            let distance_km = req.near.map(|p| p.distance_km(&Point { lat, lon }));
            hits.push(CourseHit { session_id: id as i64, relevance, distance_km, start });
        }
        Ok(hits)
    }
}

/// Nearest first from a point; else most relevant first; then soonest, then by id.
fn order(a: &CourseHit, b: &CourseHit, by_distance: bool) -> Ordering {
    let lead = if by_distance {
        a.distance_km.partial_cmp(&b.distance_km).unwrap_or(Ordering::Equal)
    } else {
        b.relevance.partial_cmp(&a.relevance).unwrap_or(Ordering::Equal)
    };
    lead.then(a.start.cmp(&b.start)).then(a.session_id.cmp(&b.session_id))
}

/// The filters, each a must-clause; the start-date range is always one.
fn filter_clauses(f: &CourseSessionFields, req: &CourseSearch) -> Vec<(Occur, Box<dyn Query>)> {
    let term = |field, text: &str| (Occur::Must, Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic)) as Box<dyn Query>);
    let mut must = Vec::new();
    if let Some(region) = &req.region {
        must.push(term(f.regions, region));
    }
    if let Some(skill) = &req.skill {
        must.push(term(f.skills, skill));
    }
    if let Some(period) = req.period {
        must.push(term(f.period, period.as_str()));
    }
    if let Some(day) = req.day {
        must.push(term(f.days, day.as_str()));
    }
    let after = req.starts_after.map(|d| d.unix_days() + 1);
    let lower = after.into_iter().chain(req.from.map(Day::unix_days)).max();
    let lower = lower.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.start_date, d)));
    let upper = req.to.map_or(Bound::Unbounded, |d| Bound::Included(Term::from_field_i64(f.start_date, d.unix_days())));
    must.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    if !req.include_full {
        let free = RangeQuery::new(Bound::Included(Term::from_field_u64(f.free_places, 1)), Bound::Unbounded);
        must.push((Occur::Must, Box::new(free)));
    }
    must
}
