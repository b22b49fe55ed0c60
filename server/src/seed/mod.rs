//! Accounts from the command line and the Ankang demo data set.

mod accounts;
mod activity;
mod demo;
mod names;
mod postings;
mod product_images;
mod sales;
mod training;

pub use accounts::*;
pub use demo::*;
