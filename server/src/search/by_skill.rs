//! Skill-only relevance without a query: each skill's postings by map cell,
//! with what the collector checks copied alongside, scored with the very
//! BM25 weights tantivy's skill query would use.
//!
//! Why: a match ranks by a blend of BM25 and distance. Block-max pruning
//! cannot bound that blend (distance varies far more than the BM25 of one
//! skill across postings), so the query scored every posting needing one of
//! the person's skills, and the commute box then threw most of them away.
//! Here a commuter's match reads only the wanted skills' cells in the box,
//! rows nearest home first so the top fills early; someone willing to move
//! reads the skills' whole lists, outwards from home. Each entry carries its
//! site, facts and norm, so the reads run along memory instead of jumping
//! through per-document arrays. Requests with text, or scoped to a region or
//! a skill, keep the query path (`query.rs`).
//!
//! Place in the order (see `mod.rs`): above the collectors, beside `fill`;
//! the query calls it.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Bm25Weight;
use tantivy::{DocAddress, Searcher, SegmentReader, Term};

use super::collector::{collector, SegmentTopK};
use super::columns::SegmentColumns;
use super::grid::{row, single};
use super::request::{Relevance, SearchRequest};
use super::schema::PostingFields;
use super::skill_cells::{Entry, MANY};

/// The request's top hits and count, as the query path would find them for
/// a relevance of skills only (`query.rs` decides).
pub(super) fn skill_hits(
    searcher: &Searcher,
    columns: &[Arc<SegmentColumns>],
    fields: &PostingFields,
    req: &SearchRequest,
) -> anyhow::Result<(Vec<(f32, DocAddress)>, usize)> {
    let weights = skill_weights(searcher, fields, &req.relevance)?;
    let collector = collector(columns, fields, req);
    let bbox = req.filters.area().as_ref().map(single);
    let home_row = req.near.map(|p| row(p.lat as f32));
    let mut fruits = Vec::with_capacity(columns.len());
    for ((ord, reader), segment) in searcher.segment_readers().iter().enumerate().zip(columns) {
        let mut top = collector.for_segment(ord as u32, reader)?;
        // The wanted skills by this segment's ordinal, ascending, with their weights.
        let mut wanted: Vec<(u32, &Bm25Weight)> = weights.iter().filter_map(|(code, w)| segment.skill_ord(code).map(|o| (o, w))).collect();
        wanted.sort_by_key(|w| w.0);
        for &(skill, _) in &wanted {
            let Some(list) = segment.skill_cells.list(skill) else {
                continue;
            };
            let visit = |e: &Entry| offer(&mut top, reader, segment, &wanted, skill, e);
            match bbox {
                Some(b) => list.in_box(b, home_row, visit),
                None => list.all(home_row, visit),
            }
        }
        fruits.push(top.harvest());
    }
    let (ranked, total) = collector.merge_fruits(fruits)?;
    Ok((ranked.into_iter().map(|(_, bm25, address)| (bm25, address)).collect(), total))
}

/// Each wanted skill's BM25 weight over the whole searcher, boosted as in
/// the query (`Relevance::skill_boost`): the same statistics tantivy's term weight reads.
fn skill_weights<'a>(searcher: &Searcher, fields: &PostingFields, relevance: &'a Relevance) -> anyhow::Result<Vec<(&'a str, Bm25Weight)>> {
    if searcher.segment_readers().is_empty() {
        return Ok(Vec::new());
    }
    relevance
        .skills
        .iter()
        .map(|code| {
            let term = Term::from_field_text(fields.skills, code);
            Ok((code.as_str(), Bm25Weight::for_terms(searcher, &[term])?.boost_by(relevance.skill_boost(code))))
        })
        .collect()
}

/// Offers a live entry to the top with its summed BM25 over the wanted
/// skills it needs, unless it is also in the list of a lower wanted skill:
/// each document is offered once, from its first list. Summed in ascending
/// code order, as the query's union sums its clauses.
fn offer(top: &mut SegmentTopK, reader: &SegmentReader, segment: &SegmentColumns, wanted: &[(u32, &Bm25Weight)], list: u32, e: &Entry) {
    if reader.is_deleted(e.spot.doc) {
        return;
    }
    let score = match wanted {
        [(_, weight)] => weight.score(e.norm, 1),
        _ => {
            let has = |skill: u32| match e.skills {
                [MANY, ..] => segment.skill_ords(e.spot.doc).any(|o| o == u64::from(skill)),
                skills => u16::try_from(skill).is_ok_and(|s| skills.contains(&s)),
            };
            let mut total = None;
            for &(skill, weight) in wanted.iter().filter(|w| has(w.0)) {
                if total.is_none() && skill != list {
                    return;
                }
                *total.get_or_insert(0.0) += weight.score(e.norm, 1);
            }
            match total {
                Some(total) => total,
                None => return,
            }
        }
    };
    top.offer(e.spot.doc, score, e.spot.site, &e.spot.facts);
}

#[cfg(test)]
mod tests {
    use doorstep_shared::api::{PhysicalDemand, Schedule};
    use rand::rngs::StdRng;
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};

    use super::skill_hits;
    use crate::search::collector::collect;
    use crate::search::postings::testing::{random_index as index, HOME, SKILLS};
    use crate::search::request::{Filters, Ranking, Relevance, SearchRequest};
    use crate::search::terms::relevance_query;

    fn request(rng: &mut StdRng) -> SearchRequest {
        let k = rng.gen_range(1..=3);
        let mut skills: Vec<String> = SKILLS.choose_multiple(rng, k).map(|s| s.to_string()).collect();
        if rng.gen_bool(0.1) {
            skills.push("S99".into());
        }
        skills.sort();
        let commute = *[5.0, 10.0, 30.0].choose(rng).expect("km");
        let moving = rng.gen_bool(0.25);
        SearchRequest {
            filters: Filters {
                valid_on: rng.gen_range(90..=150),
                bbox: (!moving).then(|| HOME.bounding_box(commute)),
                min_wage: rng.gen_bool(0.4).then(|| rng.gen_range(20..=40) * 100),
                accessible_only: rng.gen_bool(0.2),
                max_physical: Some(*PhysicalDemand::ALL.choose(rng).expect("demand")),
                schedules: rng.gen_bool(0.3).then(|| vec![Schedule::FullTime, Schedule::Flexible]),
                ..Filters::default()
            },
            relevance: Relevance { skills, certified: Vec::new(), text: None },
            ranking: Ranking::Relevance,
            near: rng.gen_bool(0.9).then_some(HOME),
            distance_scale_km: commute / 2.0,
            offset: if rng.gen_bool(0.2) { 5 } else { 0 },
            limit: rng.gen_range(5..=40),
            fill_below: if rng.gen_bool(0.3) { 10 } else { 0 },
            with_text: false,
        }
    }

    /// What `query.rs` runs for a relevance of skills only, one way or the other.
    #[test]
    fn skill_cells_find_what_the_skill_query_finds() {
        let mut rng = StdRng::seed_from_u64(5);
        let (_dir, index) = index(&mut rng);
        assert!(index.num_segments() >= 2, "several segments");
        let searcher = index.reader.searcher();
        let columns = index.cache.for_searcher(&searcher).expect("columns");
        let f = index.fields();
        let mut with_hits = 0;
        for _ in 0..400 {
            let req = request(&mut rng);
            let (cells, cells_total) = skill_hits(&searcher, &columns, f, &req).expect("cells");
            let skill_query = relevance_query(f, &req.relevance, &Default::default()).expect("skills make a query");
            let (query, query_total) = collect(&searcher, &columns, f, skill_query.as_ref(), &req).expect("query");
            assert_eq!(cells_total, query_total, "count for {req:?}");
            let got: Vec<_> = cells.iter().map(|h| h.1).collect();
            let want: Vec<_> = query.iter().map(|h| h.1).collect();
            assert_eq!(got, want, "hits for {req:?}");
            for (a, b) in cells.iter().zip(&query) {
                assert!((a.0 - b.0).abs() <= 1e-4 * b.0.max(1.0), "score {} vs {} for {req:?}", a.0, b.0);
            }
            with_hits += usize::from(!query.is_empty());
        }
        assert!(with_hits > 200, "most requests find postings ({with_hits} of 400)");
    }
}
