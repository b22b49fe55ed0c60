//! Every SQL statement, one function per query, over one `Db` that speaks to
//! SQLite or PostgreSQL through sqlx's `Any` driver. SQL here is the common
//! dialect of both (`$N` placeholders, `RETURNING`, `ON CONFLICT`).

mod applications;
mod attendance;
mod audit;
mod certificates;
mod course_session_docs;
mod course_sessions;
mod courses;
mod db;
mod decode;
mod employers;
mod enrolments;
mod error;
mod feed;
mod inbox;
mod people;
mod placeholders;
mod placements;
mod postings;
mod priorities;
mod push_jobs;
mod reference;
mod registration;
mod sessions;
mod training_figures;
mod training_offers;
mod users;

pub use applications::*;
pub use attendance::*;
pub use audit::*;
pub use certificates::*;
pub use course_session_docs::*;
pub use course_sessions::*;
pub use courses::*;
pub use db::*;
pub use decode::*;
pub use employers::*;
pub use enrolments::*;
pub use error::*;
pub use feed::*;
pub use inbox::*;
pub use people::*;
pub use placeholders::*;
pub use placements::*;
pub use postings::*;
pub use priorities::*;
pub use push_jobs::*;
pub use reference::*;
pub use registration::*;
pub use sessions::*;
pub use training_figures::*;
pub use training_offers::*;
pub use users::*;
