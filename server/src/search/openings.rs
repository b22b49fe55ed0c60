//! Openings: how many postings a skill set would add to what a person
//! matches, counted by the matching gate over the per-skill cells, with no
//! ranking and no query. Training suggestions ask it for every upcoming
//! course's skills at once ("learn sewing → 12 more jobs").
//!
//! A posting opens for a set when it passes the person's hard constraints
//! (the collector's gate, then the exact commute in km where both ends are
//! real points, as `domain::violation` checks), needs a skill of the set
//! that the person lacks, and needs none the person has (those it meets
//! already, as `domain::fit` says). A posting that needs no skill is open to
//! the person today and is never counted.
//!
//! Place in the order (see `mod.rs`): above the collectors, beside `by_skill`
//! and `fill`; the query adds it to `PostingIndex`.

use std::sync::Arc;

use tantivy::{DocAddress, DocId, Searcher};

use super::collector::Gate;
use super::columns::{IndexedPosting, SegmentColumns};
use super::grid::{row, single};
use super::request::Filters;
use super::skill_cells::{Entry, MANY, NONE};
use crate::domain::{ordering_km, Point};

/// What to count: the person's gate and skills, and the sets on offer.
#[derive(Debug, Clone)]
pub struct OpeningsRequest {
    /// The hard constraints, built as matching builds them.
    pub filters: Filters,
    /// Home, for the exact commute and for the nearest example.
    pub near: Option<Point>,
    /// The commute limit for sites judged by km; `None`: no limit (willing to move).
    pub commute_km: Option<f64>,
    /// Skill codes the person has.
    pub has: Vec<String>,
    /// Skill sets on offer (a course's certified skills), each counted on its own.
    pub offers: Vec<Vec<String>>,
}

/// What one offered set opens.
#[derive(Debug, Clone, Default)]
pub struct Openings {
    /// Postings it adds.
    pub count: usize,
    /// The nearest of them, title and region filled.
    pub example: Option<IndexedPosting>,
}

/// One posting a skill opens in a segment, and how far it is (to order the examples).
#[derive(Clone, Copy)]
struct Opened {
    doc: DocId,
    apart: f64,
}

/// The openings of each offered set, in the order of `req.offers`.
pub(super) fn openings(searcher: &Searcher, columns: &[Arc<SegmentColumns>], req: &OpeningsRequest) -> Vec<Openings> {
    let mut counts = vec![0usize; req.offers.len()];
    let mut nearest: Vec<Option<(f64, DocAddress)>> = vec![None; req.offers.len()];
    let area = req.filters.area().as_ref().map(single);
    let home_row = req.near.map(|p| row(p.lat as f32));
    for ((ord, reader), segment) in searcher.segment_readers().iter().enumerate().zip(columns) {
        let gate = Gate::new(&req.filters, segment);
        let has: Vec<u32> = req.has.iter().filter_map(|code| segment.skill_ord(code)).collect();
        let needs_own = |e: &Entry| match e.skills {
            [MANY, ..] => segment.skill_ords(e.spot.doc).any(|o| has.iter().any(|&h| u64::from(h) == o)),
            skills => skills.iter().any(|&s| s != NONE && has.iter().any(|&h| u32::from(s) == h)),
        };
        // Each wanted skill's passing postings, worked out once for every set naming it.
        let mut wanted: Vec<u32> = req.offers.iter().flatten().filter(|code| !req.has.contains(code)).filter_map(|code| segment.skill_ord(code)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let passing: Vec<Vec<Opened>> = wanted
            .iter()
            .map(|&skill| {
                let mut opened = Vec::new();
                if let Some(list) = segment.skill_cells.list(skill) {
                    let visit = |e: &Entry| {
                        if !reader.is_deleted(e.spot.doc) && !needs_own(e) {
                            if let Some(apart) = reach(&gate, segment, req, e) {
                                opened.push(Opened { doc: e.spot.doc, apart });
                            }
                        }
                    };
                    match area {
                        Some(b) => list.in_box(b, home_row, visit),
                        None => list.all(home_row, visit),
                    }
                }
                opened.sort_unstable_by_key(|o| o.doc);
                opened
            })
            .collect();
        for (i, offer) in req.offers.iter().enumerate() {
            let lists: Vec<&Vec<Opened>> = offer
                .iter()
                .filter(|code| !req.has.contains(code))
                .filter_map(|code| segment.skill_ord(code))
                .filter_map(|o| wanted.binary_search(&o).ok())
                .map(|at| &passing[at])
                .collect();
            let mut union: Vec<Opened> = lists.iter().flat_map(|l| l.iter().copied()).collect();
            if lists.len() > 1 {
                union.sort_unstable_by_key(|o| o.doc);
                union.dedup_by_key(|o| o.doc);
            }
            counts[i] += union.len();
            if let Some(best) = union.iter().min_by(|a, b| a.apart.total_cmp(&b.apart).then(a.doc.cmp(&b.doc))) {
                if nearest[i].is_none_or(|(apart, _)| best.apart < apart) {
                    nearest[i] = Some((best.apart, DocAddress::new(ord as u32, best.doc)));
                }
            }
        }
    }
    counts
        .into_iter()
        .zip(nearest)
        .map(|(count, nearest)| Openings {
            count,
            example: nearest.and_then(|(_, address)| {
                let segment = columns.get(address.segment_ord as usize)?;
                let mut posting = segment.posting(address.doc_id);
                segment.fill_text(&mut posting, address.doc_id);
                Some(posting)
            }),
        })
        .collect()
}

/// Whether the person reaches the entry's posting under the gate and the
/// exact commute, and how far it is: km where both ends are real, else the
/// relation's `ordering_km`.
fn reach(gate: &Gate, segment: &SegmentColumns, req: &OpeningsRequest, e: &Entry) -> Option<f64> {
    match gate.judge(e.spot.site, &e.spot.facts)? {
        Some(relation) => Some(ordering_km(relation)),
        None => {
            let Some(home) = req.near else { return Some(0.0) };
            let km = home.distance_km(&Point { lat: segment.lat.get(e.spot.doc), lon: segment.lon.get(e.spot.doc) });
            req.commute_km.is_none_or(|limit| km <= limit).then_some(km)
        }
    }
}
