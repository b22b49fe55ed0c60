//! Product images: checked, re-encoded, named by content hash and stored.

mod hash;
mod process;
mod store;
mod work;

pub use hash::*;
pub use process::*;
pub use store::*;
pub use work::*;
