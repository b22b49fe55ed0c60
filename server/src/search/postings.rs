//! Postings as a `Searchable` kind: open postings are documents; their
//! per-segment columns (and what is built from them) are the index's cache.
//! `PostingIndex` is the postings' `SearchIndex`.
//!
//! Place in the order (see `mod.rs`): above `columns` and `document`,
//! beside `index`.

use doorstep_shared::api::PostingStatus;
use tantivy::schema::{Field, Schema};
use tantivy::{Searcher, TantivyDocument};

use super::columns::ColumnCache;
use super::document::to_document;
use super::index::SearchIndex;
use super::schema::{build_schema, PostingFields};
use super::searchable::{ids_of, Searchable};
use crate::reference::SkillCatalog;
use crate::storage::{open_postings_page, postings_by_ids, Change, Db, StoredPosting};

/// The postings kind.
pub struct Postings;

/// The postings index: the matching engine's.
pub type PostingIndex = SearchIndex<Postings>;

impl Searchable for Postings {
    const NAME: &'static str = "posting";
    const ENTITIES: &'static [&'static str] = &["posting"];
    type Fields = PostingFields;
    type Record = StoredPosting;
    type Cache = ColumnCache;

    fn schema() -> (Schema, PostingFields) {
        build_schema()
    }

    fn id_field(fields: &PostingFields) -> Field {
        fields.id
    }

    fn record_id(record: &StoredPosting) -> i64 {
        record.id
    }

    fn document(p: &StoredPosting, fields: &PostingFields, skills: &SkillCatalog) -> Option<TantivyDocument> {
        (p.status == PostingStatus::Open).then(|| to_document(p, fields, skills))
    }

    fn new_cache(fields: PostingFields) -> ColumnCache {
        ColumnCache::new(fields)
    }

    fn refresh(cache: &ColumnCache, searcher: &Searcher) -> anyhow::Result<()> {
        cache.for_searcher(searcher)?;
        Ok(())
    }

    async fn ids_for_changes(_db: &Db, changes: &[Change]) -> anyhow::Result<Vec<i64>> {
        Ok(ids_of(changes, "posting"))
    }

    async fn load(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<StoredPosting>> {
        postings_by_ids(db, ids).await
    }

    async fn page(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<StoredPosting>> {
        open_postings_page(db, after, limit).await
    }
}
