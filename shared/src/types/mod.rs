//! Newtypes that parse raw input once, at the edge.

mod day;
mod id_card;
mod phone;
mod region_code;
mod skill_code;
mod year_month;

pub use day::Day;
pub use id_card::IdCardNumber;
pub use phone::Phone;
pub use region_code::{official_code, RegionCode};
pub use skill_code::SkillCode;
pub use year_month::YearMonth;
