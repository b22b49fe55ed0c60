//! Matching over HTTP: anyone's profile, a registered person's, and the
//! reverse question of which people fit a posting.

mod candidates;
mod open;
mod person;
mod profile;

pub use candidates::*;
pub use open::*;
pub use person::*;
