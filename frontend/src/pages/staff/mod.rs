//! Staff's pages of the employment platform: the review queue, referring a
//! person, placements and their follow-ups, the follow-up worklist, the
//! dashboard of the bureau's figures, the audit log, the categories a region
//! favours with its gazetteer upload, the push, and spreadsheet imports of
//! people and postings. They load in one
//! lazy group (`routes.rs`) with their strings (area `staff`), so a first
//! visit to a public page carries neither.

mod audit;
mod charts;
mod dashboard;
mod dashboard_records;
mod follow_ups;
mod imports;
mod placements;
mod priorities;
mod push;
mod refer;
mod region_points;
mod review;

pub use audit::AuditPage;
pub use dashboard::DashboardPage;
pub use follow_ups::FollowUpsPage;
pub use imports::ImportsPage;
pub use placements::PlacementsPage;
pub use priorities::PrioritiesPage;
pub use push::PushPage;
pub use refer::ReferPage;
pub use region_points::RegionPointsPage;
pub use review::ReviewPage;
