//! `SearchIndex<S>`: one kind of record's tantivy index in the data
//! directory, its reader, its single writer, the kind's cache, and the feed
//! position its last commit reached. The same for every kind (`Searchable`):
//! searching is each kind's own (`query.rs`, `course_query.rs`,
//! `product_query.rs`); keeping it current is `indexer.rs`.
//!
//! Place in the order (see `mod.rs`): above `searchable`, beside `collector`
//! and `terms`; the queries and the indexer add its methods.

use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use anyhow::Context;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument};
use tokio::sync::{Notify, Semaphore};

use super::schema::{jieba_analyzer, JIEBA};
use super::searchable::Searchable;

const WRITER_MEMORY: usize = 50_000_000;

pub struct SearchIndex<S: Searchable> {
    pub(super) index: Index,
    pub(super) reader: IndexReader,
    pub(super) writer: Mutex<IndexWriter<TantivyDocument>>,
    pub(super) fields: S::Fields,
    /// Last change-feed seq whose effect is committed (mirrors the commit payload).
    cursor: AtomicI64,
    /// Wakes the indexer when a write lands, so changes show within a second.
    pub changed: Notify,
    /// Bounds concurrent searches on the blocking pool.
    pub(super) permits: Semaphore,
    pub(super) cache: S::Cache,
}

/// How the index was found at start.
#[derive(Debug, PartialEq, Eq)]
pub enum Opened {
    Existing,
    /// Missing, unreadable or of another schema: created empty and must be
    /// rebuilt from the database.
    Fresh,
}

impl<S: Searchable> SearchIndex<S> {
    /// Opens the index in `dir`, or creates an empty one when it is missing,
    /// corrupt or of another schema.
    pub fn open_or_create(dir: &Path) -> anyhow::Result<(Self, Opened)> {
        let (schema, fields) = S::schema();
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create index directory {}", dir.display()))?;
        let existing =
            MmapDirectory::open(dir).ok().and_then(|d| Index::open(d).ok()).filter(|i| i.schema() == schema).and_then(|i| Self::from_index(i, fields).ok());
        if let Some(index) = existing {
            return Ok((index, Opened::Existing));
        }
        tracing::warn!(dir = %dir.display(), kind = S::NAME, "index missing or unreadable; creating it anew");
        std::fs::remove_dir_all(dir).ok();
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create index directory {}", dir.display()))?;
        let index = Index::create_in_dir(dir, schema).with_context(|| format!("cannot create {} index", S::NAME))?;
        Ok((Self::from_index(index, fields)?, Opened::Fresh))
    }

    fn from_index(index: Index, fields: S::Fields) -> anyhow::Result<Self> {
        index.tokenizers().register(JIEBA, jieba_analyzer());
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().context("index reader")?;
        let writer = index.writer(WRITER_MEMORY).context("index writer (is another doorstep using this data directory?)")?;
        let cursor = index.load_metas().context("index metas")?.payload.and_then(|p| p.parse().ok()).unwrap_or(0);
        let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(Self {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            cursor: AtomicI64::new(cursor),
            changed: Notify::new(),
            permits: Semaphore::new(parallel * 2),
            cache: S::new_cache(fields),
        })
    }

    pub fn fields(&self) -> &S::Fields {
        &self.fields
    }

    pub fn cursor(&self) -> i64 {
        self.cursor.load(Ordering::Acquire)
    }

    pub(super) fn set_cursor(&self, seq: i64) {
        self.cursor.store(seq, Ordering::Release);
    }

    /// Number of segments visible to searches.
    pub fn num_segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Number of documents visible to searches.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
