//! Courses of the training platform: written by staff and admin inside their
//! jurisdiction, read by anyone once published.

mod access;
mod convert;
mod create;
mod lifecycle;
mod read;
mod update;

pub use access::*;
pub use convert::*;
pub use create::*;
pub use lifecycle::*;
pub use read::*;
pub use update::*;
