//! Pure rules, no I/O and no clock: valid records, posting and application
//! moves, distances, match scoring. Today's date comes in as an argument.

mod application;
mod certificate;
mod course;
mod course_moves;
mod datum;
mod enrolment;
mod fields;
mod figures;
mod geo;
mod matching;
mod moves;
mod nearness;
mod order;
mod person;
mod points_file;
mod posting;
mod posting_moves;
mod priority;
mod producer;
mod product;
mod table_file;

pub use application::*;
pub use certificate::*;
pub use course::*;
pub use course_moves::*;
pub use datum::*;
pub use enrolment::*;
pub use fields::*;
pub use figures::*;
pub use geo::*;
pub use matching::*;
pub use moves::*;
pub use nearness::*;
pub use order::*;
pub use person::*;
pub use points_file::*;
pub use posting::*;
pub use posting_moves::*;
pub use priority::*;
pub use producer::*;
pub use product::*;
pub use table_file::*;
