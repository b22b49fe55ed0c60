//! The figures staff report upward: one query layer (`storage`) and one
//! service per platform that adds it up, used by the API and, next, by the
//! dashboards' charts and the exports, so every place shows the same numbers.

mod areas;
mod employment;
mod sales;
mod training;

pub use areas::*;
pub use employment::*;
pub use sales::*;
pub use training::*;
