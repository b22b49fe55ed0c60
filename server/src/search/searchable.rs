//! What an index of one kind of record says about itself, so that one
//! mechanism (`index.rs`, `indexer.rs`) keeps every index: its schema, the
//! change-feed entities that touch it, how a change names the records to
//! rewrite, how records are loaded and paged from the database, and each
//! record as a document (or none: not searchable, so removed). Postings
//! (`postings.rs`), course sessions (`courses.rs`) and products
//! (`products.rs`) are the kinds today.
//!
//! Place in the order (see `mod.rs`): the bottom; it uses no other search
//! module.

use std::future::Future;

use tantivy::schema::{Field, Schema};
use tantivy::{Searcher, TantivyDocument};

use crate::reference::SkillCatalog;
use crate::storage::{Change, Db};

pub trait Searchable: Send + Sync + Sized + 'static {
    /// For logs: "posting", "course session".
    const NAME: &'static str;
    /// The change-feed entities whose changes reach this index.
    const ENTITIES: &'static [&'static str];
    /// Typed field handles (the schema's only naming of fields).
    type Fields: Copy + Send + Sync + 'static;
    /// A record as the database gives it, whole enough to make its document.
    type Record: Send + Sync + 'static;
    /// What the index keeps beside tantivy and refreshes after each reload
    /// (postings: their per-segment columns); `()` for nothing.
    type Cache: Send + Sync + 'static;

    fn schema() -> (Schema, Self::Fields);
    /// The u64 field that holds the record's id (deletes go by it).
    fn id_field(fields: &Self::Fields) -> Field;
    fn record_id(record: &Self::Record) -> i64;
    /// The document of a record, or `None` when it is not to be found (a
    /// closed posting, a session of an unpublished course).
    fn document(record: &Self::Record, fields: &Self::Fields, skills: &SkillCatalog) -> Option<TantivyDocument>;

    fn new_cache(fields: Self::Fields) -> Self::Cache;
    /// Brings the cache up to a freshly reloaded searcher.
    fn refresh(_cache: &Self::Cache, _searcher: &Searcher) -> anyhow::Result<()> {
        Ok(())
    }

    /// The ids of the records these changes may have altered (only
    /// changes of `ENTITIES` are passed); sorted and deduplicated after.
    fn ids_for_changes(db: &Db, changes: &[Change]) -> impl Future<Output = anyhow::Result<Vec<i64>>> + Send;
    /// The records with these ids that exist (any state).
    fn load(db: &Db, ids: &[i64]) -> impl Future<Output = anyhow::Result<Vec<Self::Record>>> + Send;
    /// Searchable records with id above `after`, by id, at most `limit`: the rebuild.
    fn page(db: &Db, after: i64, limit: i64) -> impl Future<Output = anyhow::Result<Vec<Self::Record>>> + Send;
}

/// The ids of changes to one entity: the plain case of `ids_for_changes`.
pub fn ids_of(changes: &[Change], entity: &str) -> Vec<i64> {
    changes.iter().filter(|c| c.entity == entity).map(|c| c.entity_id).collect()
}
