//! Pure rules, no I/O: valid records, dates, distances, match scoring.

mod application;
mod date;
mod geo;
mod matching;
mod person;
mod posting;

pub use application::*;
pub use date::*;
pub use geo::*;
pub use matching::*;
pub use person::*;
pub use posting::*;
