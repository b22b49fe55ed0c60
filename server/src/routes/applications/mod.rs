//! Applications: seekers apply, staff refer, employers and staff move them
//! along; a hire creates the placement.

mod access;
mod convert;
mod create;
mod read;
mod status;

pub use access::*;
pub use convert::*;
pub use create::*;
pub use read::*;
pub use status::*;
