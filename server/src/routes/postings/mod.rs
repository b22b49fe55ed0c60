//! Job postings: created by employers (or staff for them), reviewed by staff
//! where the employer is registered, searched by everyone once open.

mod access;
mod convert;
mod create;
mod lifecycle;
mod manage;
mod read;
mod update;

pub use access::*;
pub use convert::*;
pub use create::*;
pub use lifecycle::*;
pub use manage::*;
pub use read::*;
pub use update::*;
