//! Code the bench shares with the load run's data example.

pub mod generate;
