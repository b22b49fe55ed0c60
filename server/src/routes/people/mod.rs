//! The people registry, staff only, inside their jurisdiction.

mod convert;
mod create;
mod read;
mod reveal;
mod update;

pub use create::*;
pub use read::*;
pub use reveal::*;
pub use update::*;
