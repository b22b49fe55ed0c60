//! The people registry, staff only, inside their jurisdiction.

mod convert;

pub use convert::preferences as to_preferences;
pub use convert::to_values as to_values_for_seed;
mod create;
mod read;
mod reveal;
mod update;

pub use create::*;
pub use read::*;
pub use reveal::*;
pub use update::*;
