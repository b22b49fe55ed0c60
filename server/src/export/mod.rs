//! Exports (issue 13 parts 3 and 7): every report and list as XLSX or CSV.
//! `model` is the typed report; `xlsx_writer` and `csv_writer` write it; one file per
//! report builds it from the DTO or storage list the JSON API returns, never
//! from SQL of its own (`employment`, `follow_ups`, `training`, `sales`, `people`, `placements`; `parts`
//! holds the area, month and category breakdowns they share). Adding a
//! report is one such file and a thin handler in `routes::exports`.

mod csv_writer;
mod employment;
mod filename;
mod follow_ups;
mod ids;
mod model;
mod parts;
mod people;
mod placements;
mod sales;
mod training;
mod xlsx_writer;

pub use csv_writer::*;
pub use employment::*;
pub use filename::*;
pub use follow_ups::*;
pub use ids::*;
pub use model::*;
pub use parts::*;
pub use people::*;
pub use placements::*;
pub use sales::*;
pub use training::*;
pub use xlsx_writer::*;
