//! A job seeker's pages: jobs for me, their applications, the inbox, their
//! profile, signing up, and the apply box a posting shows them. They load
//! in lazy groups (`routes.rs`; the apply box on its own) with their
//! strings (area `seeker`), so a first visit to a public page carries neither.

mod apply_box;
mod for_me;
mod inbox;
mod my_applications;
mod profile;
mod register;

pub use apply_box::seeker_apply_box;
pub use for_me::JobsForMePage;
pub use inbox::InboxPage;
pub use my_applications::MyApplicationsPage;
pub use profile::ProfilePage;
pub use register::RegisterPage;
