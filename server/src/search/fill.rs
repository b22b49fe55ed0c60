//! Filling a thin result: when few postings ask for what a person named, the
//! nearest postings that fit them anyway, searched in growing boxes so that a
//! dense index is not scanned out to the edge of the commute.
//!
//! Place in the order (see `mod.rs`): above the collectors, beside
//! `by_skill`; the query calls it.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocAddress, Searcher};

use super::collector::{collect, collector};
use super::columns::SegmentColumns;
use super::grid::{row, single};
use super::request::{Ranking, SearchRequest};
use super::schema::PostingFields;
use super::terms::filter_only_query;
use crate::domain::{BoundingBox, Point};

/// Box half-widths tried in turn, km; after the last, the request's own box.
const RINGS_KM: [f64; 4] = [3.0, 9.0, 27.0, 81.0];

/// Up to `req.limit` postings passing the filters, nearest first (any
/// order when the request has no point).
pub(super) fn nearest(
    searcher: &Searcher,
    columns: &[Arc<SegmentColumns>],
    fields: &PostingFields,
    req: &SearchRequest,
) -> anyhow::Result<Vec<(f32, DocAddress)>> {
    let mut ring = req.clone();
    ring.relevance = Default::default();
    ring.ranking = Ranking::Distance;
    ring.offset = 0;
    let scoped = req.filters.region.is_some() || req.filters.skill.is_some();
    let Some(near) = req.near.filter(|_| !scoped) else {
        return Ok(collect(searcher, columns, fields, filter_only_query(fields, &ring.filters).as_ref(), &ring)?.0);
    };
    for km in RINGS_KM {
        let small = near.bounding_box(km);
        let bbox = match &req.filters.bbox {
            Some(outer) if contains(&small, outer) => break,
            Some(outer) => intersection(&small, outer),
            None => small,
        };
        ring.filters.bbox = Some(bbox);
        let hits = scan_box(searcher, columns, fields, &ring, &bbox)?;
        // Enough hits, all within the circle the box holds: nothing outside
        // the box can be nearer than the farthest of them.
        let farthest = hits.last().and_then(|(_, a)| site(columns, *a)).map(|p| near.distance_km(&p));
        if hits.len() >= req.limit && farthest.is_some_and(|d| d <= km) {
            return Ok(hits);
        }
    }
    ring.filters.bbox = req.filters.bbox;
    match &req.filters.bbox {
        Some(outer) => scan_box(searcher, columns, fields, &ring, outer),
        None => Ok(collect(searcher, columns, fields, filter_only_query(fields, &ring.filters).as_ref(), &ring)?.0),
    }
}

/// The postings in a box, read from the segments' grids and passed through
/// the request's collector: what a query over the box would find, without
/// reading a whole latitude band.
fn scan_box(
    searcher: &Searcher,
    columns: &[Arc<SegmentColumns>],
    fields: &PostingFields,
    req: &SearchRequest,
    b: &BoundingBox,
) -> anyhow::Result<Vec<(f32, DocAddress)>> {
    let collector = collector(columns, fields, req);
    let cells = single(b);
    let home_row = req.near.map(|p| row(p.lat as f32));
    let mut fruits = Vec::with_capacity(columns.len());
    for ((ord, reader), segment_columns) in searcher.segment_readers().iter().enumerate().zip(columns) {
        let mut segment = collector.for_segment(ord as u32, reader)?;
        segment_columns.grid.in_box(cells, home_row, |s| {
            if !reader.is_deleted(s.doc) {
                segment.offer(s.doc, 0.0, s.site, &s.facts);
            }
        });
        fruits.push(segment.harvest());
    }
    let (ranked, _) = collector.merge_fruits(fruits)?;
    Ok(ranked.into_iter().map(|(_, bm25, address)| (bm25, address)).collect())
}

fn site(columns: &[Arc<SegmentColumns>], address: DocAddress) -> Option<Point> {
    let c = columns.get(address.segment_ord as usize)?;
    Some(Point { lat: c.lat.get(address.doc_id), lon: c.lon.get(address.doc_id) })
}

fn contains(a: &BoundingBox, b: &BoundingBox) -> bool {
    a.min_lat <= b.min_lat && a.max_lat >= b.max_lat && a.min_lon <= b.min_lon && a.max_lon >= b.max_lon
}

fn intersection(a: &BoundingBox, b: &BoundingBox) -> BoundingBox {
    BoundingBox { min_lat: a.min_lat.max(b.min_lat), max_lat: a.max_lat.min(b.max_lat), min_lon: a.min_lon.max(b.min_lon), max_lon: a.max_lon.min(b.max_lon) }
}
