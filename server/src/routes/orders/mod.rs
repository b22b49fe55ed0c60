//! Orders of the sales platform: placed by buyers (signed in or guests),
//! split per producer, moved by producers, staff and buyers.

mod access;
mod convert;
mod moves;
mod place;
mod read;

pub use access::*;
pub use convert::*;
pub use moves::*;
pub use place::*;
pub use read::*;
