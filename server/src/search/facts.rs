//! `Facts`: what the collector checks of a posting besides its site, packed
//! into eight bytes, one per document of a segment (`columns` fills them,
//! the grids carry them, the collector's gate reads them).
//!
//! Place in the order (see `mod.rs`): just above `schema` and `request`; it
//! uses no other search module.

/// What the collector checks besides the site, packed into ten bytes:
/// reading a plain array is several times cheaper than decoding half a dozen
/// columns per hit, and a small one stays in cache. Sites are kept in single
/// precision (within a metre: plenty for a box and a rank; the exact commute
/// check reads the full-precision columns). Wages saturate at 65,535 yuan a
/// month and days at the year 2149; matching re-checks both exactly.
#[derive(Debug, Clone, Copy)]
pub(super) struct Facts {
    pub wage_max: u16,
    /// Day number.
    pub valid_until: u16,
    pub physical: u8,
    /// Ordinal in this segment's schedule column; `u8::MAX` when missing.
    pub schedule: u8,
    pub flags: u8,
    /// Ordinal in this segment's region-code column; `u16::MAX` when missing.
    pub region: u16,
}

impl Facts {
    pub const ACCESSIBLE: u8 = 1;
    pub const ACCOMMODATION: u8 = 2;
    /// The site is its region's stand-in point: judged by relation, not km.
    pub const APPROXIMATE: u8 = 4;
}
