//! HTTP handlers, one file per resource; `startup` registers them.

pub mod audit;
pub mod auth;
pub mod employers;
pub mod health;
pub mod matching;
pub mod openapi;
pub mod people;
pub mod postings;
pub mod regions;
pub mod site;
pub mod skills;
