//! One component per route.

mod apply_box;
mod for_me;
mod home;
mod inbox;
mod login;
mod manage_posting;
mod my_applications;
mod my_postings;
mod not_found;
mod post_job;
mod posting;
mod profile;
mod register;
mod sales;
mod search;
mod staff;
mod training;

pub use for_me::JobsForMePage;
pub use home::home_page;
pub use inbox::InboxPage;
pub use login::LoginPage;
pub use manage_posting::ManagePostingPage;
pub use my_applications::MyApplicationsPage;
pub use my_postings::MyPostingsPage;
pub use not_found::NotFound;
pub use post_job::PostJobPage;
pub use posting::PostingPage;
pub use profile::ProfilePage;
pub use register::RegisterPage;
pub use sales::{
    sales_style, CartPage, CheckoutPage, MyOrdersPage, MyShopPage, OrderPage, ProducerPage, ProducersPage, ProductPage, SalesFiguresPage, SalesOrdersPage,
    ShopPage,
};
pub use search::JobSearchPage;
pub use staff::{AuditPage, DashboardPage, FollowUpsPage, ImportsPage, PlacementsPage, PrioritiesPage, PushPage, ReferPage, RegionPointsPage, ReviewPage};
pub use training::{CoursePage, CoursesPage, MyTrainingPage, RosterPage, TrainingPage, TrainingSessionPage, VerifyCertificatePage};
