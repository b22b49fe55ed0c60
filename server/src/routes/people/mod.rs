//! The people registry: staff inside their jurisdiction, and each seeker's own profile.

mod convert;
mod create;
mod profile;
mod read;
mod reveal;
mod update;

pub use convert::to_response;
pub use create::*;
pub use profile::*;
pub use read::*;
pub use reveal::*;
pub use update::*;
