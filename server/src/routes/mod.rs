//! HTTP handlers, one file per resource; `startup` registers them.

pub mod applications;
pub mod audit;
pub mod auth;
pub mod certificates;
pub mod course_sessions;
pub mod courses;
pub mod employers;
pub mod enrolments;
pub mod health;
pub mod inbox;
pub mod matching;
pub mod methods;
pub mod metrics;
pub mod openapi;
pub mod paging;
pub mod people;
pub mod placements;
pub mod postings;
pub mod priorities;
pub mod push;
pub mod regions;
pub mod register;
pub mod site;
pub mod skills;
pub mod training_search;
pub mod training_suggestions;
