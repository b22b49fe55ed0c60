//! Reading hits from fast-field columns: one set of column readers per
//! segment, no doc-store decompression on the request path.

use std::cell::RefCell;
use std::collections::HashMap;

use doorstep_shared::api::{PhysicalDemand, Schedule};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, SegmentReader};

use crate::domain::Point;

/// The facts of an indexed posting that matching and search results need.
#[derive(Debug, Clone)]
pub struct IndexedPosting {
    pub id: i64,
    pub title: String,
    pub skills: Vec<String>,
    pub region_code: String,
    pub employer_id: i64,
    pub site: Point,
    pub wage_min: u32,
    pub wage_max: u32,
    pub schedule: Schedule,
    pub accommodation: bool,
    pub accessible: bool,
    pub physical_demand: PhysicalDemand,
    pub valid_until: i64,
}

pub struct SegmentColumns {
    id: Column<u64>,
    employer_id: Column<u64>,
    lat: Column<f64>,
    lon: Column<f64>,
    wage_min: Column<u64>,
    wage_max: Column<u64>,
    accommodation: Column<u64>,
    accessible: Column<u64>,
    physical: Column<u64>,
    valid_until: Column<i64>,
    title: Option<StrColumn>,
    skills: Option<StrColumn>,
    region_code: Option<StrColumn>,
    schedule: Option<StrColumn>,
    /// Term cache keyed by (column, ordinal) for this query's lifetime.
    terms: RefCell<HashMap<(usize, u64), String>>,
}

impl SegmentColumns {
    pub fn open(segment: &SegmentReader) -> tantivy::Result<Self> {
        let f = segment.fast_fields();
        Ok(Self {
            id: f.u64("id")?,
            employer_id: f.u64("employer_id")?,
            lat: f.f64("lat")?,
            lon: f.f64("lon")?,
            wage_min: f.u64("wage_min")?,
            wage_max: f.u64("wage_max")?,
            accommodation: f.u64("accommodation")?,
            accessible: f.u64("accessible")?,
            physical: f.u64("physical")?,
            valid_until: f.i64("valid_until")?,
            title: f.str("title")?,
            skills: f.str("skills")?,
            region_code: f.str("region_code")?,
            schedule: f.str("schedule")?,
            terms: RefCell::new(HashMap::new()),
        })
    }

    /// The posting's facts; title and region code stay empty (see `fill_text`).
    pub fn posting(&self, doc: DocId) -> IndexedPosting {
        let u = |c: &Column<u64>| c.first(doc).unwrap_or(0);
        let schedule = self.cached_str(self.schedule.as_ref(), doc).into_iter().next().unwrap_or_default();
        IndexedPosting {
            id: u(&self.id) as i64,
            title: String::new(),
            skills: self.cached_str(self.skills.as_ref(), doc),
            region_code: String::new(),
            employer_id: u(&self.employer_id) as i64,
            site: Point { lat: self.lat.first(doc).unwrap_or(0.0), lon: self.lon.first(doc).unwrap_or(0.0) },
            wage_min: u(&self.wage_min) as u32,
            wage_max: u(&self.wage_max) as u32,
            schedule: Schedule::parse(&schedule).unwrap_or(Schedule::FullTime),
            accommodation: u(&self.accommodation) == 1,
            accessible: u(&self.accessible) == 1,
            physical_demand: PhysicalDemand::ALL[(u(&self.physical) as usize).min(2)],
            valid_until: self.valid_until.first(doc).unwrap_or(0),
        }
    }
}

impl SegmentColumns {
    /// Title and region code: dictionary look-ups, so only for hits shown.
    pub fn fill_text(&self, posting: &mut IndexedPosting, doc: DocId) {
        posting.title = first_str(self.title.as_ref(), doc);
        posting.region_code = first_str(self.region_code.as_ref(), doc);
    }

    /// Values of a low-cardinality column (skills, schedule), each term looked
    /// up in the dictionary once per query.
    fn cached_str(&self, column: Option<&StrColumn>, doc: DocId) -> Vec<String> {
        let Some(c) = column else { return Vec::new() };
        let mut cache = self.terms.borrow_mut();
        let mut out = Vec::new();
        for ord in c.term_ords(doc) {
            let key = (std::ptr::from_ref(c) as usize, ord);
            if let Some(s) = cache.get(&key) {
                out.push(s.clone());
                continue;
            }
            let mut s = String::new();
            if c.ord_to_str(ord, &mut s).unwrap_or(false) {
                cache.insert(key, s.clone());
                out.push(s);
            }
        }
        out
    }
}

fn first_str(column: Option<&StrColumn>, doc: DocId) -> String {
    let mut out = String::new();
    if let Some(c) = column {
        if let Some(ord) = c.term_ords(doc).next() {
            let _ = c.ord_to_str(ord, &mut out);
        }
    }
    out
}
