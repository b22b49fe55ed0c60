//! The postings search index (tantivy): derived from the database, rebuilt at
//! will, kept current by a worker that follows the change feed.
//!
//! Concurrency: one `IndexWriter` behind a mutex, used only by the indexer
//! and by reindex; one `IndexReader` for the life of the process; each search
//! takes its own `Searcher` on the blocking pool. Column readers, and the
//! packed facts and map grid built from them, are opened once per segment
//! (`ColumnCache`) and shared by every search that sees that segment.

mod collector;
mod columns;
mod document;
mod fill;
mod grid;
mod index;
mod indexer;
mod query;
mod schema;

pub use index::*;
pub use indexer::*;
pub use query::*;
pub use schema::*;
