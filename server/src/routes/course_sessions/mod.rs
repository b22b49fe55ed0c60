//! Sessions of a course (`/api/v1/courses/{id}/sessions`,
//! `/api/v1/training-sessions/{id}`): written by the staff governing the
//! course, public while the course is published.

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
