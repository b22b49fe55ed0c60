//! Reference data the whole service looks things up in: the administrative
//! region tree and the skills taxonomy. Both ship as TSV files inside the
//! binary, are loaded into the database by `migrate`, and are held in memory
//! (read-mostly, behind a lock) for validation and look-ups.

mod region_names;
mod regions;
mod skills;
mod tsv;

pub use region_names::*;
pub use regions::*;
pub use skills::*;
