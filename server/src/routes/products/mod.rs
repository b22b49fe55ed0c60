//! Products of the sales platform: managed by their producer's accounts
//! and the staff governing it; public while on sale.

mod access;
mod convert;
mod images;
mod lifecycle;
mod read;
mod stock;
mod write;

pub use access::*;
pub use convert::*;
pub use images::*;
pub use lifecycle::*;
pub use read::*;
pub use stock::*;
pub use write::*;
