//! Newtypes that parse raw input once, at the edge.

mod id_card;
mod phone;
mod region_code;

pub use id_card::IdCardNumber;
pub use phone::Phone;
pub use region_code::RegionCode;
