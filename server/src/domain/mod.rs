//! Pure rules, no I/O and no clock: valid records, posting and application
//! moves, distances, match scoring. Today's date comes in as an argument.

mod application;
mod fields;
mod geo;
mod matching;
mod nearness;
mod person;
mod posting;
mod posting_moves;

pub use application::*;
pub use fields::*;
pub use geo::*;
pub use matching::*;
pub use nearness::*;
pub use person::*;
pub use posting::*;
pub use posting_moves::*;
