//! `SkillCells`: each skill's postings of one segment by map cell, every
//! entry with its site, facts, skills-field norm and skill ordinals, so the
//! skill path (`by_skill.rs`) reads a commuter's match along memory.
//!
//! Place in the order (see `mod.rs`): above `grid`; `columns` builds the
//! cells from a segment's skills column, `by_skill` reads them.

use tantivy::columnar::Column;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::DocId;

use super::grid::{Grid, Placed, Spot};

/// Each skill's postings of one segment by map cell, indexed by the skill's
/// ordinal in the segment's skills column.
pub(super) struct SkillCells {
    lists: Vec<Grid<Entry>>,
}

#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub spot: Spot,
    /// The skills field's norm id (how many skills the posting needs), which
    /// BM25 weighs a match by.
    pub norm: u8,
    /// The posting's skill ordinals, padded with `NONE`; all `MANY` when it
    /// needs more than fit (then read from the column).
    pub skills: [u16; 3],
}

impl Placed for Entry {
    fn spot(&self) -> &Spot {
        &self.spot
    }
}

pub(super) const NONE: u16 = u16::MAX;
pub(super) const MANY: u16 = u16::MAX - 1;

impl SkillCells {
    pub(super) fn empty() -> Self {
        Self { lists: Vec::new() }
    }

    /// The cells of a segment of `max_doc` documents: `ords` is its skills
    /// column, ordinals into its `terms` skill terms; `norms` the skills
    /// field's norms, if it keeps them; `spot` a document's site and facts.
    pub(super) fn build(max_doc: DocId, ords: &Column<u64>, terms: usize, norms: Option<&FieldNormReader>, spot: impl Fn(DocId) -> Option<Spot>) -> Self {
        let mut lists: Vec<Vec<Entry>> = vec![Vec::new(); terms];
        for doc in 0..max_doc {
            let Some(spot) = spot(doc) else { continue };
            let has: Vec<u64> = ords.values_for_doc(doc).collect();
            let mut skills = [NONE; 3];
            if has.len() > skills.len() || has.iter().any(|&o| o >= u64::from(MANY)) {
                skills = [MANY; 3];
            } else {
                for (slot, &o) in skills.iter_mut().zip(&has) {
                    *slot = o as u16;
                }
            }
            // As tantivy's term scorer reads a field that keeps no norms.
            let norm = norms.map_or(1, |n| n.fieldnorm_id(doc));
            for &o in &has {
                if let Some(list) = lists.get_mut(o as usize) {
                    list.push(Entry { spot, norm, skills });
                }
            }
        }
        Self { lists: lists.into_iter().map(Grid::build).collect() }
    }

    /// The cells of the skill with this ordinal in the segment.
    #[inline]
    pub(super) fn list(&self, skill: u32) -> Option<&Grid<Entry>> {
        self.lists.get(skill as usize)
    }
}
