//! Figures for staff, inside their jurisdiction: JSON for the dashboards.

mod training;

pub use training::*;
