//! Request and response bodies of `/api/v1`.

pub mod applications;
pub mod audit;
pub mod auth;
pub mod employers;
pub mod employment_figures;
pub mod error;
pub mod imports;
pub mod matching;
pub mod people;
pub mod postings;
pub mod priorities;
pub mod push;
pub mod regions;
pub mod sales;
pub mod skills;
pub mod sms;
mod spelling;
pub mod training;

pub use applications::*;
pub use audit::*;
pub use auth::*;
pub use employers::*;
pub use employment_figures::*;
pub use error::*;
pub use imports::*;
pub use matching::*;
pub use people::*;
pub use postings::*;
pub use priorities::*;
pub use push::*;
pub use regions::*;
pub use sales::*;
pub use skills::*;
pub use sms::*;
pub use training::*;
