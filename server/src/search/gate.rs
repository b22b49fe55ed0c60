//! Hard filters checked on fast-field columns inside the top-k collector.
//! For matching, where a selective relevance query drives the scan, this is
//! cheaper than intersecting it with range queries that walk whole columns.

use doorstep_shared::api::Schedule;
use tantivy::columnar::Column;
use tantivy::{DocId, SegmentReader};

use super::Filters;
use crate::domain::Point;

pub struct Gate {
    valid_until: Column<i64>,
    wage_max: Column<u64>,
    physical: Column<u64>,
    accessible: Column<u64>,
    accommodation: Column<u64>,
    schedule: Option<Column<u64>>,
    valid_on: i64,
    min_wage: u64,
    max_physical: u64,
    accessible_only: bool,
    accommodation_only: bool,
    /// Term ordinals of the allowed schedules in this segment; `None`: any.
    schedules: Option<Vec<u64>>,
    lat: Column<f64>,
    lon: Column<f64>,
    within: Option<(Point, f64)>,
}

impl Gate {
    pub fn open(segment: &SegmentReader, f: &Filters) -> tantivy::Result<Self> {
        let fast = segment.fast_fields();
        let schedule = fast.str("schedule")?;
        let schedules = match (&f.schedules, &schedule) {
            (Some(allowed), Some(column)) => {
                let mut ords = Vec::new();
                for s in allowed {
                    if let Some(ord) = column.dictionary().term_ord(Schedule::as_str(*s))? {
                        ords.push(ord);
                    }
                }
                Some(ords)
            }
            (Some(_), None) => Some(Vec::new()),
            (None, _) => None,
        };
        Ok(Self {
            valid_until: fast.i64("valid_until")?,
            wage_max: fast.u64("wage_max")?,
            physical: fast.u64("physical")?,
            accessible: fast.u64("accessible")?,
            accommodation: fast.u64("accommodation")?,
            schedule: schedule.map(|c| c.ords().clone()),
            valid_on: f.valid_on,
            min_wage: f.min_wage.map_or(0, u64::from),
            max_physical: f.max_physical.map_or(2, |p| p.rank()),
            accessible_only: f.accessible_only,
            accommodation_only: f.accommodation_only,
            schedules,
            lat: fast.f64("lat")?,
            lon: fast.f64("lon")?,
            within: f.within,
        })
    }

    pub fn admits(&self, doc: DocId) -> bool {
        let u = |c: &Column<u64>| c.first(doc).unwrap_or(0);
        if self.valid_until.first(doc).unwrap_or(i64::MIN) < self.valid_on
            || u(&self.wage_max) < self.min_wage
            || u(&self.physical) > self.max_physical
            || (self.accessible_only && u(&self.accessible) != 1)
            || (self.accommodation_only && u(&self.accommodation) != 1)
        {
            return false;
        }
        if let Some((centre, km)) = &self.within {
            let site = Point { lat: self.lat.first(doc).unwrap_or(0.0), lon: self.lon.first(doc).unwrap_or(0.0) };
            if centre.distance_km(&site) > *km {
                return false;
            }
        }
        match (&self.schedules, &self.schedule) {
            (Some(allowed), Some(column)) => column.first(doc).is_some_and(|ord| allowed.contains(&ord)),
            (Some(_), None) => false,
            (None, _) => true,
        }
    }
}
