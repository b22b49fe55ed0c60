//! SMS delivery: a worker drains the outbox (`storage::sms`) through a
//! gateway, with retries, backoff, quiet hours, a daily cap and opt-out.

mod gateway;
mod http;
mod policy;
mod settings;
mod signature;
mod worker;

pub use gateway::*;
pub use http::*;
pub use policy::*;
pub use settings::*;
pub use signature::*;
pub use worker::*;
