//! Matching over HTTP: anyone's profile, a registered person's, and the
//! reverse question of which people fit a posting, and inviting one of them.

mod candidates;
mod invite;
mod open;
mod person;
mod profile;

pub use candidates::*;
pub use invite::*;
pub use open::*;
pub use person::*;
pub use profile::{profile_from_request, MatchQuery};
