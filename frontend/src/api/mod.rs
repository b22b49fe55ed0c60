//! Every HTTP call the app makes, one function per endpoint; pages never build URLs.

mod auth;
mod client;

pub use auth::{get_me, login, logout};
pub use client::ApiError;
