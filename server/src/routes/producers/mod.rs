//! Producers of the sales platform: registered, verified and changed by
//! staff inside their jurisdiction; verified producers are public; linked
//! accounts act for their producer.

mod access;
mod accounts;
mod convert;
mod lifecycle;
mod read;
mod write;

pub use access::*;
pub use accounts::*;
pub use convert::*;
pub use lifecycle::*;
pub use read::*;
pub use write::*;
