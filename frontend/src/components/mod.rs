//! Views reused across pages.

mod apart;
mod applied;
mod badges;
mod error_view;
mod field_error;
mod header;
mod match_card;
mod my_location;
mod nav;
mod page_title;
mod pager;
mod person_picker;
mod posting_card;
mod reason_list;
mod region_picker;
mod skill_names;
mod skill_picker;
mod typing;

pub use apart::Apart;
pub use applied::{applied_to, my_applied, AppliedMark};
pub use badges::{ApplicationStatusBadge, PostingStatusBadge};
pub use error_view::{empty, not_registered, section, Async, ErrorView, Loading};
pub use field_error::{last_failure, FieldError};
pub use header::AppHeader;
pub use match_card::MatchCard;
pub use my_location::MyLocation;
pub use nav::{NavBar, NavTiles};
pub use pager::{Paged, Pager};
pub use person_picker::{showing, PersonPicker};
pub use posting_card::PostingCard;
pub use reason_list::ReasonList;
pub use region_picker::RegionPicker;
pub use skill_names::SkillNames;
pub use skill_picker::SkillPicker;
pub use typing::TypedQuery;
