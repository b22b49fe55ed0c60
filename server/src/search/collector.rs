//! The one collector every search uses: column filters checked per hit (the
//! gate), then the request's ranking key, top-k and a count of what passed;
//! and the collector a request asks for (`collector`, `collect`).
//!
//! Why not range queries for the filters: a range query over a fast field
//! scans a block of the column on every seek, so a selective relevance
//! query intersected with six ranges read thousands of values per hit.
//! Checking a handful of column values per hit is several times cheaper,
//! and the relevance (or region) postings still drive the scan.
//!
//! Place in the order (see `mod.rs`): above `columns`, beside `terms` and
//! `index`; the skill path, the fill and the query collect with it.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::columns::SegmentColumns;
use super::facts::Facts;
use super::grid::single;
use super::request::{Filters, Ranking, SearchRequest};
use super::schema::PostingFields;
use doorstep_shared::api::Nearness;

use crate::domain::{ordering_km, relation, Point};

/// What orders the hits; higher keys first.
#[derive(Debug, Clone, Copy)]
pub enum Key {
    Score,
    /// Ids grow with time, and unlike seconds they never tie.
    Newest,
    Nearest(Point),
    /// Saturated BM25 and a gaussian of distance (width in km), both in [0, 1].
    Blend(Point, f64),
}

/// One collected hit: its key, its plain BM25 and where it is.
pub type Ranked = (f64, Score, DocAddress);

pub struct GatedTopK {
    pub key: Key,
    pub filters: Filters,
    /// Top `offset + limit` are kept; `offset` are skipped at the end.
    pub offset: usize,
    pub limit: usize,
    /// The searcher's segments' columns, by segment ordinal.
    pub columns: Vec<Arc<SegmentColumns>>,
    /// To open a segment's columns should `columns` lack it.
    pub fields: PostingFields,
}

/// The collector for a request: its ranking as the key, its filters as the gate.
pub(super) fn collector(columns: &[Arc<SegmentColumns>], fields: &PostingFields, req: &SearchRequest) -> GatedTopK {
    let key = match (req.ranking, req.near) {
        (Ranking::Newest, _) | (Ranking::Distance, None) => Key::Newest,
        (Ranking::Distance, Some(near)) => Key::Nearest(near),
        (Ranking::Relevance, Some(near)) => Key::Blend(near, req.distance_scale_km.max(1.0)),
        (Ranking::Relevance, None) => Key::Score,
    };
    GatedTopK { key, filters: req.filters.clone(), offset: req.offset, limit: req.limit.max(1), columns: columns.to_vec(), fields: *fields }
}

/// Top documents by the request's ranking, each with its plain BM25, and
/// how many passed the filters.
pub(super) fn collect(
    searcher: &Searcher,
    columns: &[Arc<SegmentColumns>],
    fields: &PostingFields,
    query: &dyn Query,
    req: &SearchRequest,
) -> anyhow::Result<(Vec<(f32, DocAddress)>, usize)> {
    let (ranked, total) = searcher.search(query, &collector(columns, fields, req))?;
    Ok((ranked.into_iter().map(|(_, bm25, address)| (bm25, address)).collect(), total))
}

impl Collector for GatedTopK {
    type Fruit = (Vec<Ranked>, usize);
    type Child = SegmentTopK;

    fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTopK> {
        let columns = match self.columns.get(ord as usize) {
            Some(c) => c.clone(),
            None => Arc::new(SegmentColumns::open(segment, &self.fields)?),
        };
        let gate = Gate::new(&self.filters, &columns);
        Ok(SegmentTopK { ord, columns, gate, key: KeyFn::new(self.key), keep: self.offset + self.limit, hits: Vec::new(), floor: f64::NEG_INFINITY, count: 0 })
    }

    fn requires_scoring(&self) -> bool {
        matches!(self.key, Key::Score | Key::Blend(..))
    }

    fn merge_fruits(&self, fruits: Vec<(Vec<Ranked>, usize)>) -> tantivy::Result<(Vec<Ranked>, usize)> {
        let count = fruits.iter().map(|f| f.1).sum();
        let mut all: Vec<Ranked> = fruits.into_iter().flat_map(|f| f.0).collect();
        all.sort_by(order);
        Ok((all.into_iter().skip(self.offset).take(self.limit).collect(), count))
    }
}

/// Best first; ties go to the earlier document, as tantivy's own top-k does.
fn order(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.2.cmp(&b.2))
}

pub struct SegmentTopK {
    ord: SegmentOrdinal,
    columns: Arc<SegmentColumns>,
    gate: Gate,
    key: KeyFn,
    keep: usize,
    /// Up to twice `keep` candidates, cut back to `keep` when full.
    hits: Vec<Ranked>,
    /// The lowest key that can still make the top once `hits` was cut.
    floor: f64,
    count: usize,
}

impl SegmentCollector for SegmentTopK {
    type Fruit = (Vec<Ranked>, usize);

    fn collect(&mut self, doc: DocId, score: Score) {
        let c = &*self.columns;
        let (Some(&site), Some(&facts)) = (c.sites.get(doc as usize), c.facts.get(doc as usize)) else {
            return;
        };
        self.offer(doc, score, site, &facts);
    }

    fn harvest(mut self) -> (Vec<Ranked>, usize) {
        self.hits.sort_by(order);
        self.hits.truncate(self.keep);
        (self.hits, self.count)
    }
}

impl SegmentTopK {
    /// A hit whose site and facts the caller has at hand already.
    pub(super) fn offer(&mut self, doc: DocId, score: Score, site: [f32; 2], facts: &Facts) {
        let Some(relation) = self.gate.judge(site, facts) else {
            return;
        };
        self.count += 1;
        if self.key.bound(score) < self.floor || self.keep == 0 {
            return;
        }
        let key = self.key.of(&self.columns, doc, score, site, relation);
        if key < self.floor {
            return;
        }
        self.hits.push((key, score, DocAddress::new(self.ord, doc)));
        if self.hits.len() >= 2 * self.keep.max(8) {
            self.hits.select_nth_unstable_by(self.keep - 1, order);
            self.hits.truncate(self.keep);
            self.floor = self.hits.iter().map(|h| h.0).fold(f64::INFINITY, f64::min);
        }
    }
}

/// The ranking key on one segment's columns.
struct KeyFn {
    key: Key,
    /// Kilometres per degree of longitude near the reference point: a flat
    /// approximation is plenty to rank within a commute, and much cheaper
    /// than the great-circle distance reported on the hits.
    km_per_lon: f64,
}

const KM_PER_LAT: f64 = 111.195;

impl KeyFn {
    fn new(key: Key) -> Self {
        let lat = match key {
            Key::Nearest(p) | Key::Blend(p, _) => p.lat,
            _ => 0.0,
        };
        Self { key, km_per_lon: KM_PER_LAT * lat.to_radians().cos() }
    }

    /// Squared distance: it orders as the distance does, without a root.
    fn km2(&self, near: &Point, [lat, lon]: [f32; 2]) -> f64 {
        let dlat = (f64::from(lat) - near.lat) * KM_PER_LAT;
        let dlon = (f64::from(lon) - near.lon) * self.km_per_lon;
        dlat * dlat + dlon * dlon
    }

    /// Squared distance to the site, or to the relation's `ordering_km` when
    /// the hit is judged by relation (an approximate end).
    fn apart2(&self, near: &Point, site: [f32; 2], relation: Option<Nearness>) -> f64 {
        match relation {
            Some(n) => ordering_km(n).powi(2),
            None => self.km2(near, site),
        }
    }

    fn of(&self, columns: &SegmentColumns, doc: DocId, bm25: Score, site: [f32; 2], relation: Option<Nearness>) -> f64 {
        match self.key {
            Key::Score => f64::from(bm25),
            Key::Newest => columns.id(doc) as f64,
            Key::Nearest(near) => -self.apart2(&near, site, relation),
            Key::Blend(near, scale) => 0.6 * saturated(bm25) + 0.4 * (-self.apart2(&near, site, relation) / (2.0 * scale * scale)).exp(),
        }
    }

    /// The highest key a hit with this score can have, wherever it is: a hit
    /// below the top's floor is dropped before its key is worked out.
    fn bound(&self, bm25: Score) -> f64 {
        match self.key {
            Key::Score => f64::from(bm25),
            Key::Newest => f64::INFINITY,
            Key::Nearest(_) => 0.0,
            Key::Blend(..) => 0.6 * saturated(bm25) + 0.4,
        }
    }
}

fn saturated(bm25: Score) -> f64 {
    f64::from(bm25 / (bm25 + 2.0))
}

/// The column filters of a request, resolved against one segment.
pub(super) struct Gate {
    valid_on: u16,
    /// Box edges in single precision, as sites are held.
    bbox: Option<[f32; 4]>,
    min_wage: u16,
    /// Flags a posting must have.
    flags: u8,
    max_physical: u8,
    /// Allowed schedule ordinals of this segment; `None`: any.
    schedules: Option<Vec<u8>>,
    reach: Option<GateReach>,
}

/// A request's `domain::Reach` on one segment: the relation of each of its
/// region codes to home, worked out once.
struct GateReach {
    home_approximate: bool,
    within: Nearness,
    /// By region ordinal.
    relations: Vec<Nearness>,
}

impl Gate {
    pub(super) fn new(f: &Filters, columns: &SegmentColumns) -> Self {
        let mut flags = 0;
        if f.accessible_only {
            flags |= Facts::ACCESSIBLE;
        }
        if f.accommodation_only {
            flags |= Facts::ACCOMMODATION;
        }
        Self {
            valid_on: u16::try_from(f.valid_on.max(0)).unwrap_or(u16::MAX),
            bbox: f.bbox.as_ref().map(single),
            min_wage: f.min_wage.map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX)),
            flags,
            max_physical: f.max_physical.map_or(u8::MAX, |p| p.rank() as u8),
            schedules: f.schedules.as_ref().map(|s| columns.schedule_ords(s)),
            reach: f.reach.as_ref().map(|r| GateReach {
                home_approximate: r.home_approximate,
                within: r.within,
                relations: columns.region_codes().iter().map(|c| c.as_deref().map_or(Nearness::Farther, |c| relation(r.home_region.as_ref(), c))).collect(),
            }),
        }
    }

    /// Whether a hit passes, and if so the relation it was judged by
    /// (`Some(None)`: by the box; the exact km is for the caller): an
    /// approximate end is judged by its relation to home, not the box.
    pub(super) fn judge(&self, site: [f32; 2], facts: &Facts) -> Option<Option<Nearness>> {
        let relation = self.relation(facts);
        let reached = match relation {
            Some(n) => self.admits(n),
            None => self.contains(site),
        };
        (reached && self.passes(facts)).then_some(relation)
    }

    /// The relation a hit is judged by when an end is approximate; `None`:
    /// by the box (and the exact km afterwards).
    fn relation(&self, f: &Facts) -> Option<Nearness> {
        let reach = self.reach.as_ref()?;
        if !reach.home_approximate && f.flags & Facts::APPROXIMATE == 0 {
            return None;
        }
        Some(reach.relations.get(usize::from(f.region)).copied().unwrap_or(Nearness::Farther))
    }

    fn admits(&self, n: Nearness) -> bool {
        self.reach.as_ref().is_some_and(|r| n <= r.within)
    }

    /// Checked first: the box drops most postings of a commuter's search.
    fn contains(&self, [lat, lon]: [f32; 2]) -> bool {
        self.bbox.is_none_or(|[min_lat, max_lat, min_lon, max_lon]| lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon)
    }

    fn passes(&self, f: &Facts) -> bool {
        f.wage_max >= self.min_wage
            && f.flags & self.flags == self.flags
            && f.physical <= self.max_physical
            && f.valid_until >= self.valid_on
            && self.schedules.as_ref().is_none_or(|allowed| allowed.contains(&f.schedule))
    }
}
