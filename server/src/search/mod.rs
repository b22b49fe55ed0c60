//! The postings search index (tantivy): derived from the database, rebuilt at
//! will, kept current by a worker that follows the change feed.
//!
//! Concurrency: one `IndexWriter` behind a mutex, used only by the indexer
//! and by reindex; one `IndexReader` for the life of the process; each search
//! takes its own `Searcher` on the blocking pool. Column readers, and the
//! packed facts, map grid and per-skill grids built from them, are opened
//! once per segment (`ColumnCache`) and shared by every search that sees
//! that segment. A relevance of skills only (most matches, and the push) is
//! read from the per-skill grids (`by_skill`); everything else is a query.

mod by_skill;
mod collector;
mod columns;
mod document;
mod facts;
mod fill;
mod grid;
mod index;
mod indexer;
mod query;
mod request;
mod schema;
mod skill_cells;
mod terms;

pub use columns::{IndexedPosting, SegmentColumns};
pub use index::{Opened, PostingIndex};
pub use indexer::{apply_pending, ensure_current, reindex, run_indexer};
pub use query::{fill_text, Hit, SearchResult};
pub use request::{Filters, Ranking, Relevance, SearchRequest};
pub use schema::{build_schema, jieba_analyzer, PostingFields, JIEBA};
