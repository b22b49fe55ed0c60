//! Placements and their retention follow-ups: staff, inside their jurisdiction.

mod convert;
mod follow_ups;
mod read;
mod worklist;

pub use convert::*;
pub use follow_ups::*;
pub use read::*;
pub use worklist::*;
