//! An employer's pages (and staff's, posting for an employer): posting a
//! job, their postings, and managing one posting's applicants and suggested
//! candidates. They load in one lazy group (`routes.rs`) with their strings
//! (area `employer`), so a first visit to a public page carries neither.

mod manage_posting;
mod my_postings;
mod post_job;

pub use manage_posting::ManagePostingPage;
pub use my_postings::MyPostingsPage;
pub use post_job::PostJobPage;
