//! `Grid`: documents by map cell, so "the nearest postings" and "this skill
//! near home" read the cells around a point instead of every posting in a
//! latitude band. Each entry carries what the collector checks (site and
//! facts), so a scan runs along memory instead of jumping through
//! per-document arrays, and rows are read nearest the home row first, so a
//! top-k ranked by nearness fills early and drops the rest cheaply. Also the
//! single-precision box that the cells read and the gate check share.
//!
//! Place in the order (see `mod.rs`): above `facts`; the skill cells and the
//! columns build grids, the skill path and the fill read them.

use tantivy::DocId;

use super::facts::Facts;
use crate::domain::BoundingBox;

/// Cell size in degrees: about 5.5 km north–south, 4.7 km east–west in Ankang.
const CELL_DEG: f32 = 0.05;
/// Columns per row in the cell key: more than 360° / `CELL_DEG`.
const COLS: u64 = 8_192;

/// What every grid entry has: the document, its site and its facts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spot {
    pub doc: DocId,
    pub site: [f32; 2],
    pub facts: Facts,
}

/// An entry a grid can hold.
pub(super) trait Placed {
    fn spot(&self) -> &Spot;
}

impl Placed for Spot {
    fn spot(&self) -> &Spot {
        self
    }
}

/// Entries sorted by (cell key, document), the key row-major, so one row of
/// a box is one contiguous run.
pub(super) struct Grid<E> {
    /// The keys apart, so a binary search reads only them.
    cells: Vec<u64>,
    entries: Vec<E>,
}

pub(super) fn row(lat: f32) -> u64 {
    (((lat + 90.0) / CELL_DEG).floor().max(0.0)) as u64
}

fn col(lon: f32) -> u64 {
    (((lon + 180.0) / CELL_DEG).floor().max(0.0) as u64).min(COLS - 1)
}

fn cell([lat, lon]: [f32; 2]) -> u64 {
    row(lat) * COLS + col(lon)
}

/// A box in single precision, as sites are held, rounded outwards so that
/// neither the cells read nor the gate lose a posting on its edge.
pub(super) fn single(b: &BoundingBox) -> [f32; 4] {
    [down(b.min_lat), up(b.max_lat), down(b.min_lon), up(b.max_lon)]
}

fn down(x: f64) -> f32 {
    let y = x as f32;
    if f64::from(y) > x {
        y.next_down()
    } else {
        y
    }
}

fn up(x: f64) -> f32 {
    let y = x as f32;
    if f64::from(y) < x {
        y.next_up()
    } else {
        y
    }
}

impl<E: Placed> Grid<E> {
    pub(super) fn build(entries: Vec<E>) -> Self {
        let mut keyed: Vec<(u64, E)> = entries.into_iter().map(|e| (cell(e.spot().site), e)).collect();
        keyed.sort_unstable_by_key(|(cell, e)| (*cell, e.spot().doc));
        let cells = keyed.iter().map(|k| k.0).collect();
        Self { cells, entries: keyed.into_iter().map(|k| k.1).collect() }
    }

    /// Entries in the cells the box touches (a superset of those inside it),
    /// rows nearest `home_row` first.
    pub(super) fn in_box(&self, [min_lat, max_lat, min_lon, max_lon]: [f32; 4], home_row: Option<u64>, mut visit: impl FnMut(&E)) {
        let (first, last) = (col(min_lon), col(max_lon));
        let mut rows: Vec<u64> = (row(min_lat)..=row(max_lat)).collect();
        if let Some(home) = home_row {
            rows.sort_by_key(|r| r.abs_diff(home));
        }
        for r in rows {
            let from = self.cells.partition_point(|&c| c < r * COLS + first);
            let to = self.cells.partition_point(|&c| c <= r * COLS + last);
            self.entries[from..to.max(from)].iter().for_each(&mut visit);
        }
    }

    /// Every entry, rows nearest `home_row` first.
    pub(super) fn all(&self, home_row: Option<u64>, mut visit: impl FnMut(&E)) {
        let Some(home) = home_row else {
            self.entries.iter().for_each(visit);
            return;
        };
        // Two cursors from the home row, north and south, nearer row first.
        let split = self.cells.partition_point(|&c| c < home * COLS);
        let (mut north, mut south) = (split, split);
        loop {
            let up = self.cells.get(north).map(|&c| (c / COLS).abs_diff(home));
            let down = south.checked_sub(1).map(|s| (self.cells[s] / COLS).abs_diff(home));
            let at = match (up, down) {
                (Some(u), d) if d.is_none_or(|d| u <= d) => {
                    north += 1;
                    north - 1
                }
                (_, Some(_)) => {
                    south -= 1;
                    south
                }
                _ => return,
            };
            visit(&self.entries[at]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spots() -> Vec<Spot> {
        let facts = Facts { wage_max: 0, valid_until: 0, physical: 0, schedule: 0, flags: 0 };
        (0..400).map(|i| Spot { doc: i, site: [32.0 + (i / 20) as f32 * 0.02, 108.0 + (i % 20) as f32 * 0.02], facts }).collect()
    }

    #[test]
    fn a_box_yields_every_document_inside_it_and_few_outside() {
        let sites = spots();
        let grid = Grid::build(sites.clone());
        let bbox = [32.1, 32.2, 108.1, 108.2];
        let mut found = Vec::new();
        grid.in_box(bbox, Some(row(32.15)), |s| found.push(s.doc));
        let inside: Vec<DocId> =
            sites.iter().filter(|s| (bbox[0]..=bbox[1]).contains(&s.site[0]) && (bbox[2]..=bbox[3]).contains(&s.site[1])).map(|s| s.doc).collect();
        assert!(!inside.is_empty());
        assert!(inside.iter().all(|d| found.contains(d)), "every document in the box is found");
        assert!(found.len() < 200, "cells outside the box are not read ({} found)", found.len());
    }

    #[test]
    fn all_yields_every_document_once_nearest_rows_first() {
        let grid = Grid::build(spots());
        let home = row(32.4);
        let mut rows = Vec::new();
        let mut docs = Vec::new();
        grid.all(Some(home), |s| {
            rows.push(row(s.site[0]).abs_diff(home));
            docs.push(s.doc);
        });
        docs.sort_unstable();
        assert_eq!(docs, (0..400).collect::<Vec<_>>());
        assert!(rows.windows(2).all(|w| w[0] <= w[1]), "rows come nearest first: {rows:?}");
    }
}
