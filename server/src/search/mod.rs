//! The search indexes (tantivy): derived from the database, rebuilt at
//! will, kept current by a worker each that follows the change feed. One
//! mechanism keeps every index (`SearchIndex<S>`, `indexer`); each kind of
//! record says what it indexes by implementing `Searchable`: postings
//! (`postings`, the matching engine's, with its column cache and grids),
//! course sessions (`courses`) and products (`products`).
//!
//! Concurrency: one `IndexWriter` behind a mutex per index, used only by its
//! indexer and by reindex; one `IndexReader` for the life of the process;
//! each search takes its own `Searcher` on the blocking pool. Postings'
//! column readers, and the packed facts, map grid and per-skill grids built
//! from them, are opened once per segment (`ColumnCache`, the postings'
//! `Searchable::Cache`) and shared by every search that sees that segment.
//! A relevance of skills only (most matches, and the push) is read from the
//! per-skill grids (`by_skill`); everything else is a query.
//!
//! The order: each module uses only modules in layers below its own, never
//! one beside or above it (`layers.rs` checks the sources), bottom first:
//!
//! 1. `schema` (the postings' fields, the only place that names them; the
//!    jieba analyzer and text helpers every kind shares), `request` (what a
//!    posting search asks; `SKILL_BOOST` and the other shared constants) and
//!    `searchable` (the trait a kind of record implements);
//! 2. `document` (a posting as a document, and the words every kind adds),
//!    `facts` (a posting's packed facts), `course_schema` (the
//!    course-session fields) and `product_schema` (the product fields);
//! 3. `grid` (documents by map cell), `course_document` (a course session
//!    as a document) and `product_document` (a product as a document);
//! 4. `skill_cells` (each skill's postings by map cell);
//! 5. `columns` (one segment's columns and what is built from them, cached);
//! 6. `collector` (the gate, the ranking, the top-k), `terms` (the tantivy
//!    queries) and `index` (`SearchIndex<S>`: index, reader, writer, cache,
//!    cursor);
//! 7. `postings` (`Postings`, `PostingIndex`), `courses`
//!    (`CourseSessions`, `CourseIndex`) and `products` (`Products`,
//!    `ProductIndex`): the kinds;
//! 8. `by_skill` (skill-only relevance from the cells), `fill` (the
//!    nearest postings that fit) and `openings` (what a skill set adds to a
//!    person's matches, counted by the gate);
//! 9. `query` (`PostingIndex::search`), `course_query`
//!    (`CourseIndex::search`), `product_query` (`ProductIndex::search`) and
//!    `indexer` (keeping any index current).

mod by_skill;
mod collector;
mod columns;
mod course_document;
mod course_query;
mod course_schema;
mod courses;
mod document;
mod facts;
mod fill;
mod grid;
mod index;
mod indexer;
#[cfg(test)]
mod layers;
mod openings;
mod postings;
mod product_document;
mod product_query;
mod product_schema;
mod products;
mod query;
mod request;
mod schema;
mod searchable;
mod skill_cells;
mod terms;

pub use columns::{IndexedPosting, SegmentColumns};
pub use course_query::{CourseHit, CourseResult, CourseSearch};
pub use courses::{CourseIndex, CourseSessions};
pub use index::{Opened, SearchIndex};
pub use indexer::{apply_pending, ensure_current, reindex, reindex_timed, run_indexer, Rebuilt};
pub use openings::{Openings, OpeningsRequest};
pub use postings::{PostingIndex, Postings};
pub use product_query::{ProductResult, ProductSearch};
pub use products::{ProductIndex, Products};
pub use query::{fill_text, Hit, SearchResult};
pub use request::{Filters, Ranking, Relevance, SearchRequest};
pub use schema::{build_schema, is_ideograph, jieba_analyzer, word_stems, PostingFields, JIEBA};
pub use searchable::Searchable;
