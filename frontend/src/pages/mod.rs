//! One component per route.

mod employer;
mod home;
mod login;
mod not_found;
mod posting;
mod sales;
mod search;
mod seeker;
mod staff;
mod training;

pub use employer::{ManagePostingPage, MyPostingsPage, PostJobPage};
pub use home::home_page;
pub use login::LoginPage;
pub use not_found::NotFound;
pub use posting::PostingPage;
pub use sales::{
    sales_style, CartPage, CheckoutPage, MyOrdersPage, MyShopPage, OrderPage, ProducerPage, ProducersPage, ProductPage, SalesFiguresPage, SalesOrdersPage,
    ShopPage,
};
pub use search::JobSearchPage;
pub use seeker::{seeker_apply_box, InboxPage, JobsForMePage, MyApplicationsPage, ProfilePage, RegisterPage};
pub use staff::{AuditPage, DashboardPage, FollowUpsPage, ImportsPage, PlacementsPage, PrioritiesPage, PushPage, ReferPage, RegionPointsPage, ReviewPage};
pub use training::{CoursePage, CoursesPage, MyTrainingPage, RosterPage, TrainingPage, TrainingSessionPage, VerifyCertificatePage};
