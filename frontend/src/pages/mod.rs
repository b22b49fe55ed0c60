//! One component per route.

mod audit;
mod for_me;
mod home;
mod inbox;
mod login;
mod manage_posting;
mod my_applications;
mod my_postings;
mod not_found;
mod placements;
mod post_job;
mod posting;
mod profile;
mod push;
mod refer;
mod register;
mod review;
mod search;

pub use audit::AuditPage;
pub use for_me::JobsForMePage;
pub use home::HomePage;
pub use inbox::InboxPage;
pub use login::LoginPage;
pub use manage_posting::ManagePostingPage;
pub use my_applications::MyApplicationsPage;
pub use my_postings::MyPostingsPage;
pub use not_found::NotFound;
pub use placements::PlacementsPage;
pub use post_job::PostJobPage;
pub use posting::PostingPage;
pub use profile::ProfilePage;
pub use push::PushPage;
pub use refer::ReferPage;
pub use register::RegisterPage;
pub use review::ReviewPage;
pub use search::JobSearchPage;
