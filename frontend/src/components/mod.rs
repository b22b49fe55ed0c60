//! Views reused across pages.

mod error_view;
mod header;

pub use error_view::ErrorView;
pub use header::AppHeader;
