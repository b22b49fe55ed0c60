//! A segment's documents by map cell, so "the nearest postings" reads the
//! cells around a point instead of every posting in a latitude band.

use tantivy::DocId;


/// Cell size in degrees: about 5.5 km north–south, 4.7 km east–west in Ankang.
const CELL_DEG: f32 = 0.05;
/// Columns per row in the cell key: more than 360° / `CELL_DEG`.
const COLS: u64 = 8_192;

/// Document ids sorted by cell key (row-major), so one row of a box is one
/// contiguous run.
pub(super) struct Grid {
    cells: Vec<(u64, DocId)>,
}

fn row(lat: f32) -> u64 {
    (((lat + 90.0) / CELL_DEG).floor().max(0.0)) as u64
}

fn col(lon: f32) -> u64 {
    (((lon + 180.0) / CELL_DEG).floor().max(0.0) as u64).min(COLS - 1)
}

impl Grid {
    pub(super) fn build(sites: &[[f32; 2]]) -> Self {
        let mut cells: Vec<(u64, DocId)> = sites.iter().enumerate().map(|(doc, [lat, lon])| (row(*lat) * COLS + col(*lon), doc as DocId)).collect();
        cells.sort_unstable();
        Self { cells }
    }

    /// Documents in the cells the box touches: a superset of those inside it.
    pub(super) fn in_box(&self, [min_lat, max_lat, min_lon, max_lon]: [f32; 4]) -> impl Iterator<Item = DocId> + '_ {
        let (first, last) = (col(min_lon), col(max_lon));
        (row(min_lat)..=row(max_lat)).flat_map(move |r| {
            let from = self.cells.partition_point(|c| c.0 < r * COLS + first);
            let to = self.cells.partition_point(|c| c.0 <= r * COLS + last);
            self.cells[from..to.max(from)].iter().map(|c| c.1)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_yields_every_document_inside_it_and_few_outside() {
        let sites: Vec<[f32; 2]> = (0..400).map(|i| [32.0 + (i / 20) as f32 * 0.02, 108.0 + (i % 20) as f32 * 0.02]).collect();
        let grid = Grid::build(&sites);
        let bbox = [32.1, 32.2, 108.1, 108.2];
        let found: Vec<DocId> = grid.in_box(bbox).collect();
        let inside: Vec<DocId> = (0..400).filter(|&d| {
            let [lat, lon] = sites[d as usize];
            (bbox[0]..=bbox[1]).contains(&lat) && (bbox[2]..=bbox[3]).contains(&lon)
        }).collect();
        assert!(!inside.is_empty());
        assert!(inside.iter().all(|d| found.contains(d)), "every document in the box is found");
        assert!(found.len() < 200, "cells outside the box are not read ({} found)", found.len());
    }
}
