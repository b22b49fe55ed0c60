//! What a search asks for: the hard filters, the relevance, the ranking and
//! the page, and the constants that every path scoring a request must share.
//!
//! Place in the order (see `mod.rs`): the bottom, beside `schema`; it uses no
//! other search module.

use doorstep_shared::api::{PhysicalDemand, Schedule};

use crate::domain::{BoundingBox, Point, Reach, CERTIFIED_WEIGHT};

/// The boost of a skill term in the relevance query; the skill cells
/// (`by_skill.rs`) boost their BM25 weights by it too, so both score alike.
pub(super) const SKILL_BOOST: f32 = 3.0;

/// The boost of a text token found in the title, against 1 in the body.
pub(super) const TITLE_BOOST: f32 = 2.0;

/// Hard filters every result satisfies.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Only postings valid on this day or later.
    pub valid_on: i64,
    /// Region code prefix (province, city, county, town).
    pub region: Option<String>,
    /// The commute box: sites at real points outside it fail (when `reach`
    /// judges a site by relation instead, it is not checked).
    pub bbox: Option<BoundingBox>,
    /// Honest nearness (`domain::Reach`): approximate sites, or every site
    /// when home is approximate, pass by their relation to home, not by km.
    pub reach: Option<Reach>,
    /// `wage_max` at least this.
    pub min_wage: Option<u32>,
    pub accessible_only: bool,
    pub accommodation_only: bool,
    pub max_physical: Option<PhysicalDemand>,
    /// `None`: any schedule.
    pub schedules: Option<Vec<Schedule>>,
    pub skill: Option<String>,
}

impl Filters {
    /// Where every posting that can pass lies, for reads by map cell and
    /// latitude band; `None`: anywhere.
    pub fn area(&self) -> Option<BoundingBox> {
        match &self.reach {
            Some(reach) => reach.area,
            None => self.bbox,
        }
    }
}

/// What makes a posting relevant.
#[derive(Debug, Clone, Default)]
pub struct Relevance {
    pub skills: Vec<String>,
    /// The skills among `skills` a training certificate proves: boosted by `CERTIFIED_WEIGHT`.
    pub certified: Vec<String>,
    pub text: Option<String>,
}

impl Relevance {
    /// A skill term's boost: `SKILL_BOOST`, times `domain::CERTIFIED_WEIGHT` when certified.
    pub(super) fn skill_boost(&self, code: &str) -> f32 {
        if self.certified.iter().any(|c| c == code) {
            SKILL_BOOST * CERTIFIED_WEIGHT as f32
        } else {
            SKILL_BOOST
        }
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty() && self.text.as_deref().is_none_or(|t| t.trim().is_empty())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// Text and skill relevance, blended with nearness when `near` is set.
    Relevance,
    /// Nearest first (needs `near`).
    Distance,
    Newest,
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub filters: Filters,
    pub relevance: Relevance,
    pub ranking: Ranking,
    pub near: Option<Point>,
    /// Gaussian width for the distance blend, km.
    pub distance_scale_km: f64,
    pub offset: usize,
    pub limit: usize,
    /// When relevance finds fewer hits than this, fill with the best
    /// filter-only hits (same searcher, so one consistent snapshot).
    pub fill_below: usize,
    /// Whether hits carry title and region code (search pages read the
    /// database instead; matching reads them for its final few only).
    pub with_text: bool,
}
