//! `SegmentColumns`: one segment's fast-field column readers, and what is
//! built from them once (packed sites and facts, the map grid, the skill
//! cells), cached per segment by `ColumnCache`; `IndexedPosting`, a hit's
//! facts read from them, with no doc-store decompression on the request path.
//! Columns are named by the schema's field handles (`PostingFields`).
//!
//! Place in the order (see `mod.rs`): above the grids; the collectors, the
//! skill path, the fill and the query read columns.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use doorstep_shared::api::{PhysicalDemand, Schedule};
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::{DocId, Searcher, SegmentReader};

use super::facts::Facts;
use super::grid::{Grid, Spot};
use super::schema::PostingFields;
use super::skill_cells::SkillCells;
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

/// Column readers of one segment. A segment never changes once written, so
/// these are opened once and shared by every query: opening a column walks
/// the segment's column directory, which cost more than a query's scoring.
pub struct SegmentColumns {
    /// What the collector reads for every hit, one entry per document: the
    /// site apart, as the box check reads it alone for most postings.
    pub(super) sites: Vec<[f32; 2]>,
    pub(super) facts: Vec<Facts>,
    pub(super) grid: Grid<Spot>,
    pub(super) skill_cells: SkillCells,
    id: One<u64>,
    employer_id: One<u64>,
    pub(super) lat: One<f64>,
    pub(super) lon: One<f64>,
    wage_min: One<u64>,
    wage_max: One<u64>,
    accommodation: One<u64>,
    accessible: One<u64>,
    physical: One<u64>,
    valid_until: One<i64>,
    /// String columns with their terms decoded up front: a dictionary
    /// look-up decodes a whole block, and cost more than scoring a query.
    title: Option<(Column<u64>, Vec<Option<String>>)>,
    region_code: Option<(Column<u64>, Vec<Option<String>>)>,
    skills: Option<(Column<u64>, Vec<Option<String>>)>,
    schedule: Option<(Column<u64>, Vec<Option<Schedule>>)>,
}

impl SegmentColumns {
    pub fn open(segment: &SegmentReader, fields: &PostingFields) -> tantivy::Result<Self> {
        let schema = segment.schema();
        let name = |field: Field| schema.get_field_name(field);
        let f = segment.fast_fields();
        let mut columns = Self {
            sites: Vec::new(),
            facts: Vec::new(),
            grid: Grid::build(Vec::new()),
            skill_cells: SkillCells::empty(),
            id: One::new(f.u64(name(fields.id))?, 0),
            employer_id: One::new(f.u64(name(fields.employer_id))?, 0),
            lat: One::new(f.f64(name(fields.lat))?, 0.0),
            lon: One::new(f.f64(name(fields.lon))?, 0.0),
            wage_min: One::new(f.u64(name(fields.wage_min))?, 0),
            wage_max: One::new(f.u64(name(fields.wage_max))?, 0),
            accommodation: One::new(f.u64(name(fields.accommodation))?, 0),
            accessible: One::new(f.u64(name(fields.accessible))?, 0),
            // Unknown demand counts as heavy, so it never passes a lighter limit.
            physical: One::new(f.u64(name(fields.physical))?, 2),
            valid_until: One::new(f.i64(name(fields.valid_until))?, 0),
            title: f.str(name(fields.title))?.map(decoded_strings).transpose()?,
            region_code: f.str(name(fields.region_code))?.map(decoded_strings).transpose()?,
            skills: f.str(name(fields.skills))?.map(decoded_strings).transpose()?,
            schedule: f.str(name(fields.schedule))?.map(|c| decoded(c, Schedule::parse)).transpose()?,
        };
        columns.sites = (0..segment.max_doc()).map(|doc| [columns.lat.get(doc) as f32, columns.lon.get(doc) as f32]).collect();
        columns.facts = (0..segment.max_doc()).map(|doc| columns.facts_of(doc)).collect();
        columns.grid = Grid::build((0..segment.max_doc()).filter_map(|doc| columns.spot(doc)).collect());
        if let Some((ords, terms)) = &columns.skills {
            let norms = segment.fieldnorms_readers().get_field(fields.skills)?;
            let cells = SkillCells::build(segment.max_doc(), ords, terms.len(), norms.as_ref(), |doc| columns.spot(doc));
            columns.skill_cells = cells;
        }
        Ok(columns)
    }

    fn facts_of(&self, doc: DocId) -> Facts {
        let mut flags = 0;
        if self.accessible.get(doc) == 1 {
            flags |= Facts::ACCESSIBLE;
        }
        if self.accommodation.get(doc) == 1 {
            flags |= Facts::ACCOMMODATION;
        }
        Facts {
            wage_max: u16::try_from(self.wage_max.get(doc)).unwrap_or(u16::MAX),
            valid_until: u16::try_from(self.valid_until.get(doc).max(0)).unwrap_or(u16::MAX),
            physical: u8::try_from(self.physical.get(doc)).unwrap_or(u8::MAX),
            schedule: self.schedule.as_ref().and_then(|(ords, _)| ords.first(doc)).and_then(|o| u8::try_from(o).ok()).unwrap_or(u8::MAX),
            flags,
        }
    }

    /// The posting's facts; title and region code stay empty (see `fill_text`).
    pub fn posting(&self, doc: DocId) -> IndexedPosting {
        let skills = self
            .skills
            .as_ref()
            .map_or_else(Vec::new, |(ords, terms)| ords.values_for_doc(doc).filter_map(|o| terms.get(o as usize).cloned().flatten()).collect());
        let schedule = self.schedule.as_ref().and_then(|(ords, terms)| ords.first(doc).and_then(|o| terms.get(o as usize).copied().flatten()));
        IndexedPosting {
            id: self.id.get(doc) as i64,
            title: String::new(),
            skills,
            region_code: String::new(),
            employer_id: self.employer_id.get(doc) as i64,
            site: Point { lat: self.lat.get(doc), lon: self.lon.get(doc) },
            wage_min: self.wage_min.get(doc) as u32,
            wage_max: self.wage_max.get(doc) as u32,
            schedule: schedule.unwrap_or(Schedule::FullTime),
            accommodation: self.accommodation.get(doc) == 1,
            accessible: self.accessible.get(doc) == 1,
            physical_demand: PhysicalDemand::ALL[(self.physical.get(doc) as usize).min(2)],
            valid_until: self.valid_until.get(doc),
        }
    }

    fn spot(&self, doc: DocId) -> Option<Spot> {
        Some(Spot { doc, site: *self.sites.get(doc as usize)?, facts: *self.facts.get(doc as usize)? })
    }

    /// This segment's ordinal of a skill code, if any posting here needs it.
    pub(super) fn skill_ord(&self, code: &str) -> Option<u32> {
        let (_, terms) = self.skills.as_ref()?;
        // Terms are in dictionary (byte) order, which is `str` order.
        terms.binary_search_by(|t| t.as_deref().unwrap_or("").cmp(code)).ok().map(|o| o as u32)
    }

    /// The skill ordinals a posting needs.
    pub(super) fn skill_ords(&self, doc: DocId) -> impl Iterator<Item = u64> + '_ {
        self.skills.iter().flat_map(move |(ords, _)| ords.values_for_doc(doc))
    }

    pub(super) fn id(&self, doc: DocId) -> u64 {
        self.id.get(doc)
    }

    /// This segment's ordinals of the given schedules.
    pub(super) fn schedule_ords(&self, wanted: &[Schedule]) -> Vec<u8> {
        let Some((_, terms)) = &self.schedule else { return Vec::new() };
        (0..terms.len().min(usize::from(u8::MAX))).filter(|&o| terms[o].is_some_and(|s| wanted.contains(&s))).map(|o| o as u8).collect()
    }

    /// Title and region code: dictionary look-ups, so only for hits shown.
    pub fn fill_text(&self, posting: &mut IndexedPosting, doc: DocId) {
        posting.title = first_str(self.title.as_ref(), doc);
        posting.region_code = first_str(self.region_code.as_ref(), doc);
    }
}

/// A single-valued column, read straight from its values when every
/// document has one (always, for postings), through its index otherwise.
pub(super) struct One<T: tantivy::columnar::MonotonicallyMappableToU64> {
    column: Column<T>,
    full: bool,
    default: T,
}

impl<T: tantivy::columnar::MonotonicallyMappableToU64 + std::fmt::Debug + PartialOrd> One<T> {
    fn new(column: Column<T>, default: T) -> Self {
        let full = column.get_cardinality() == tantivy::columnar::Cardinality::Full;
        Self { column, full, default }
    }

    #[inline]
    pub(super) fn get(&self, doc: DocId) -> T {
        if self.full {
            self.column.values.get_val(doc)
        } else {
            self.column.first(doc).unwrap_or(self.default)
        }
    }
}

/// A string column as its ordinals and every term, decoded once in order.
fn decoded<T>(column: StrColumn, parse: impl Fn(&str) -> Option<T>) -> tantivy::Result<(Column<u64>, Vec<Option<T>>)> {
    let mut terms = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        terms.push(std::str::from_utf8(stream.key()).ok().and_then(&parse));
    }
    Ok((column.ords().clone(), terms))
}

fn decoded_strings(column: StrColumn) -> tantivy::Result<(Column<u64>, Vec<Option<String>>)> {
    decoded(column, |s| Some(s.to_string()))
}

fn first_str(column: Option<&(Column<u64>, Vec<Option<String>>)>, doc: DocId) -> String {
    column.and_then(|(ords, terms)| ords.first(doc).and_then(|o| terms.get(o as usize).cloned().flatten())).unwrap_or_default()
}

/// The columns of every segment a searcher sees, by segment id. Entries for
/// segments merged away are dropped when a newer searcher asks.
pub struct ColumnCache {
    fields: PostingFields,
    segments: Mutex<HashMap<SegmentId, Arc<SegmentColumns>>>,
}

impl ColumnCache {
    pub fn new(fields: PostingFields) -> Self {
        Self { fields, segments: Mutex::default() }
    }

    /// Columns for each of the searcher's segments, in segment order.
    pub fn for_searcher(&self, searcher: &Searcher) -> tantivy::Result<Vec<Arc<SegmentColumns>>> {
        let mut map = self.segments.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let readers = searcher.segment_readers();
        let mut out = Vec::with_capacity(readers.len());
        for reader in readers {
            let columns = match map.get(&reader.segment_id()) {
                Some(c) => c.clone(),
                None => {
                    let c = Arc::new(SegmentColumns::open(reader, &self.fields)?);
                    map.insert(reader.segment_id(), c.clone());
                    c
                }
            };
            out.push(columns);
        }
        if map.len() > readers.len() {
            map.retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        }
        Ok(out)
    }
}
