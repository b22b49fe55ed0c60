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
//!
//! The order: each module uses only modules in layers below its own, never
//! one beside or above it (`layers.rs` checks the sources), bottom first:
//!
//! 1. `schema` (the fields, the only place that names them) and `request`
//!    (what a search asks; `SKILL_BOOST` and the other shared constants);
//! 2. `document` (a posting as a document) and `facts` (a posting's packed
//!    facts);
//! 3. `grid` (documents by map cell);
//! 4. `skill_cells` (each skill's postings by map cell);
//! 5. `columns` (one segment's columns and what is built from them, cached);
//! 6. `collector` (the gate, the ranking, the top-k), `terms` (the tantivy
//!    queries) and `index` (`PostingIndex`: index, reader, writer, cache);
//! 7. `by_skill` (skill-only relevance from the cells), `fill` (the
//!    nearest postings that fit) and `openings` (what a skill set adds to a
//!    person's matches, counted by the gate);
//! 8. `query` (`PostingIndex::search`) and `indexer` (keeping the index
//!    current).

mod by_skill;
mod collector;
mod columns;
mod document;
mod facts;
mod fill;
mod grid;
mod index;
mod indexer;
#[cfg(test)]
mod layers;
mod openings;
mod query;
mod request;
mod schema;
mod skill_cells;
mod terms;

pub use columns::{IndexedPosting, SegmentColumns};
pub use index::{Opened, PostingIndex};
pub use indexer::{apply_pending, ensure_current, reindex, run_indexer};
pub use openings::{Openings, OpeningsRequest};
pub use query::{fill_text, Hit, SearchResult};
pub use request::{Filters, Ranking, Relevance, SearchRequest};
pub use schema::{build_schema, is_ideograph, jieba_analyzer, word_stems, PostingFields, JIEBA};
