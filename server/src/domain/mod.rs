//! Pure rules, no I/O: what makes a person record valid.

mod person;

pub use person::*;
