//! SMS delivery over the API: staff read it per person and per push
//! (`status`); the gateway reports replies (`reply`).

mod reply;
mod status;

pub use reply::*;
pub use status::*;
