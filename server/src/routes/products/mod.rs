//! Products of the sales platform: managed by their producer's accounts
//! and the staff governing it; public while on sale, and searched while on
//! sale with stock.

mod access;
mod convert;
mod images;
mod lifecycle;
mod read;
mod search;
mod stock;
mod write;

pub use access::*;
pub use convert::*;
pub use images::*;
pub use lifecycle::*;
pub use read::*;
pub use search::*;
pub use stock::*;
pub use write::*;
