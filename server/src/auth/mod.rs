//! Who is calling and what they may touch. Every handler states its needs by
//! taking one of the extractors here (`CurrentUser`, `StaffScope`, `AdminUser`);
//! the checks live here and nowhere else.

mod client_address;
mod password;
mod password_rule;
mod rate_limit;
mod scope;
mod session;

pub use client_address::*;
pub use password::*;
pub use password_rule::*;
pub use rate_limit::*;
pub use scope::*;
pub use session::*;
