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
    /// The nearest of them (the lowest posting id among equals), title and region filled.
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
    // The nearest opened posting of each set, ties to the lowest posting id:
    // segments merge and reorder between searchers, ids never change.
    let mut nearest: Vec<Option<(f64, u64, DocAddress)>> = vec![None; req.offers.len()];
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
            let best = union.iter().map(|o| (o.apart, segment.id(o.doc), o.doc)).min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some((apart, id, doc)) = best {
                if nearest[i].is_none_or(|(a, i, _)| apart.total_cmp(&a).then(id.cmp(&i)).is_lt()) {
                    nearest[i] = Some((apart, id, DocAddress::new(ord as u32, doc)));
                }
            }
        }
    }
    counts
        .into_iter()
        .zip(nearest)
        .map(|(count, nearest)| Openings {
            count,
            example: nearest.and_then(|(_, _, address)| {
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

#[cfg(test)]
mod tests {
    use doorstep_shared::api::{PhysicalDemand, Schedule};
    use rand::rngs::StdRng;
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};

    use super::{openings, OpeningsRequest};
    use crate::domain::Point;
    use crate::search::postings::testing::{random_index, HOME, SKILLS};
    use crate::search::request::Filters;

    fn request(rng: &mut StdRng) -> OpeningsRequest {
        let commute = *[5.0, 10.0, 30.0].choose(rng).expect("km");
        let moving = rng.gen_bool(0.25);
        let k = rng.gen_range(0..=2);
        let has = SKILLS.choose_multiple(rng, k).map(|s| s.to_string()).collect();
        let offers = (0..rng.gen_range(1..=5))
            .map(|_| {
                let k = rng.gen_range(1..=3);
                SKILLS.choose_multiple(rng, k).map(|s| s.to_string()).collect()
            })
            .collect();
        OpeningsRequest {
            filters: Filters {
                valid_on: rng.gen_range(90..=150),
                bbox: (!moving).then(|| HOME.bounding_box(commute)),
                min_wage: rng.gen_bool(0.4).then(|| rng.gen_range(20..=40) * 100),
                accessible_only: rng.gen_bool(0.2),
                max_physical: Some(*PhysicalDemand::ALL.choose(rng).expect("demand")),
                schedules: rng.gen_bool(0.3).then(|| vec![Schedule::FullTime, Schedule::Flexible]),
                ..Filters::default()
            },
            near: Some(HOME),
            commute_km: (!moving).then_some(commute),
            has,
            offers,
        }
    }

    /// Every live posting checked one by one, with the rules `domain::violation`
    /// and `domain::fit` apply: what the cells and the gate must count.
    #[test]
    fn the_count_is_what_checking_every_posting_finds() {
        let mut rng = StdRng::seed_from_u64(11);
        let (_dir, index) = random_index(&mut rng);
        let searcher = index.reader.searcher();
        let columns = index.cache.for_searcher(&searcher).expect("columns");
        let mut counted = 0;
        for _ in 0..300 {
            let req = request(&mut rng);
            let got = openings(&searcher, &columns, &req);
            let f = &req.filters;
            for (offer, got) in req.offers.iter().zip(&got) {
                let mut want: Vec<(f64, i64)> = Vec::new();
                for (reader, segment) in searcher.segment_readers().iter().zip(&columns) {
                    for doc in (0..reader.max_doc()).filter(|&d| !reader.is_deleted(d)) {
                        let p = segment.posting(doc);
                        let km = HOME.distance_km(&Point { lat: p.site.lat, lon: p.site.lon });
                        let fits = p.valid_until >= f.valid_on
                            && (!f.accessible_only || p.accessible)
                            && f.min_wage.is_none_or(|w| p.wage_max >= w)
                            && f.max_physical.is_none_or(|m| p.physical_demand <= m)
                            && f.schedules.as_ref().is_none_or(|s| s.contains(&p.schedule))
                            && req.commute_km.is_none_or(|c| km <= c);
                        let new = p.skills.iter().any(|s| offer.contains(s) && !req.has.contains(s));
                        let known = p.skills.iter().any(|s| req.has.contains(s));
                        if fits && new && !known {
                            want.push((km, p.id));
                        }
                    }
                }
                assert_eq!(got.count, want.len(), "{offer:?} for {req:?}");
                let nearest = want.iter().map(|w| w.0).fold(f64::INFINITY, f64::min);
                match &got.example {
                    Some(e) => {
                        let km = HOME.distance_km(&e.site);
                        assert!((km - nearest).abs() < 1e-9, "example at {km} km, nearest {nearest} km, for {req:?}");
                        let first = want.iter().filter(|w| (w.0 - nearest).abs() < 1e-9).map(|w| w.1).min();
                        assert_eq!(Some(e.id), first, "equally near: the lowest id, for {req:?}");
                        assert!(!e.title.is_empty());
                    }
                    None => assert!(want.is_empty()),
                }
                counted += usize::from(!want.is_empty());
            }
        }
        assert!(counted > 200, "most offers open postings ({counted})");
    }
}
