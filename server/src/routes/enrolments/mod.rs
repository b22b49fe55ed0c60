//! Enrolment in course sessions: seekers enrol themselves, staff enrol people
//! they govern; cancelling a place promotes the first waitlisted person, who
//! finds a notice in `GET /me/notices`.

mod access;
mod cancel;
mod convert;
mod enrol;
mod lists;
mod me;

pub use access::*;
pub use cancel::*;
pub use convert::*;
pub use enrol::*;
pub use lists::*;
pub use me::*;
