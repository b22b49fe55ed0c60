//! Interface strings in Chinese (zh-CN, the default) and English.
//!
//! The texts live in data files, `frontend/strings/<area>.toml`: one table per
//! area (`common`, `seeker`, `employer`, `staff`, `training`, `sales`; a string that more than one
//! area shows goes in `common`), each key with its `zh` and `en` side by side.
//! `build.rs` turns the tables into [`Key`] and a `match` from key to texts.
//! A role's or a platform's area (`LAZY_AREAS` in `strings/table.rs`) is not compiled in:
//! its texts are fetched with its pages (`lazy`), so the first visit does not
//! grow with platforms.
//! Why data files read at build time, rather than Rust tables or files parsed
//! in the browser:
//!
//! - call sites name strings as `Key::DistanceKm`, which the compiler checks,
//!   and a key nobody uses is a dead-code warning;
//! - the wasm carries the texts only: no parser and no key names, so it is no
//!   bigger than when the table was written in Rust;
//! - the host can check the tables without compiling this wasm-only crate and
//!   Leptos for itself: `tests/api/i18n.rs` (run by `cargo xtask test`) fails
//!   when a key lacks its Chinese or English text, or when the two languages
//!   name different holes.
//!
//! A hole is written `{name}` and filled by name, so a translation may reorder
//! its holes: `trf(Key::DistanceKm, vec![("km", km)])`.
//!
//! `runtime` holds the chosen language and the view helpers; `keys` holds
//! `Key` and the keys naming values of the shared enums.

mod keys;
mod lazy;
mod runtime;

pub use keys::{application_status_key, category_key, demand_key, nearness_key, posting_status_key, role_key, schedule_key, Key};
pub use lazy::{preload_area, WithTexts};
pub(crate) use runtime::storage;
pub use runtime::{pick, tr, trf, use_i18n, I18n, Lang};
