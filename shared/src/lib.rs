//! The API contract between the Doorstep server and its frontend: request and
//! response bodies, the one error shape, and the newtypes that parse raw input.
//! Compiles to WebAssembly, so it depends on serde (and optionally utoipa) only.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod types;
