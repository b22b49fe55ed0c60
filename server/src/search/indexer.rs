//! Keeping an index equal to the database, for every kind (`Searchable`):
//! the feed follower, and the full rebuild. Each commit carries the last
//! applied feed seq as its payload, so after a crash the follower resumes
//! exactly where the index stands: nothing is skipped, nothing applied twice.
//!
//! Each index has its own worker (`run_indexer`): its cursor is its own
//! commit payload, so a rebuild or a slow batch of one kind never holds up
//! another, and one kind's failure leaves the others current. Each reads
//! the whole feed and applies only its `ENTITIES`.
//!
//! Place in the order (see `mod.rs`): the top, beside the queries.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use tantivy::Term;

use super::index::SearchIndex;
use super::searchable::Searchable;
use crate::reference::SkillCatalog;
use crate::storage::{changes_after, last_change, Db};

const FEED_BATCH: i64 = 2_000;
const REINDEX_PAGE: i64 = 5_000;

impl<S: Searchable> SearchIndex<S> {
    /// Replaces each listed record's document: searchable ones are (re)added, the rest removed.
    fn apply(&self, ids: &[i64], records: &[S::Record], skills: &SkillCatalog, up_to: i64) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for id in ids {
            writer.delete_term(Term::from_field_u64(S::id_field(&self.fields), *id as u64));
        }
        for doc in records.iter().filter_map(|r| S::document(r, &self.fields, skills)) {
            writer.add_document(doc).with_context(|| format!("add {} document", S::NAME))?;
        }
        let mut commit = writer.prepare_commit().context("prepare index commit")?;
        commit.set_payload(&up_to.to_string());
        commit.commit().context("commit index")?;
        drop(writer);
        self.reload()?;
        self.set_cursor(up_to);
        Ok(())
    }

    /// Shows the last commit to searches, and brings the kind's cache to it
    /// here rather than in the next search.
    fn reload(&self) -> anyhow::Result<()> {
        self.reader.reload().context("reload index reader")?;
        S::refresh(&self.cache, &self.reader.searcher()).context("refresh the index cache")
    }

    /// Merges every segment into one: a rebuilt index searches fastest whole,
    /// as each segment costs every query its own set-up. Merges keep the
    /// commit payload, so the feed position survives. A merge that cannot
    /// start (the writer's own merge policy got there first) only costs speed.
    fn merge_all(&self) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let segments = self.index.searchable_segment_ids().context("list index segments")?;
        if segments.len() > 1 {
            if let Err(e) = writer.merge(&segments).wait() {
                tracing::warn!(error = %e, segments = segments.len(), kind = S::NAME, "could not merge the rebuilt index; searching it in segments");
            }
        }
        drop(writer);
        self.reload()
    }

    /// Adds documents without committing (the rebuild's pages).
    fn add_page(&self, records: &[S::Record], skills: &SkillCatalog) -> anyhow::Result<()> {
        let writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for doc in records.iter().filter_map(|r| S::document(r, &self.fields, skills)) {
            writer.add_document(doc).with_context(|| format!("add {} document", S::NAME))?;
        }
        Ok(())
    }
}

/// Applies pending feed entries; returns how many (of every entity).
pub async fn apply_pending<S: Searchable>(db: &Db, index: &Arc<SearchIndex<S>>, skills: &Arc<SkillCatalog>) -> anyhow::Result<usize> {
    let changes = changes_after(db, index.cursor(), FEED_BATCH).await?;
    let Some(last) = changes.last().map(|c| c.seq) else {
        return Ok(0);
    };
    let ours: Vec<_> = changes.iter().filter(|c| S::ENTITIES.contains(&c.entity.as_str())).cloned().collect();
    let mut ids = if ours.is_empty() { Vec::new() } else { S::ids_for_changes(db, &ours).await? };
    ids.sort_unstable();
    ids.dedup();
    let records = if ids.is_empty() { Vec::new() } else { S::load(db, &ids).await? };
    let (index, skills) = (index.clone(), skills.clone());
    tokio::task::spawn_blocking(move || index.apply(&ids, &records, &skills, last)).await.context("indexing task failed")??;
    Ok(changes.len())
}

/// What a rebuild did, and where its time went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rebuilt {
    pub records: u64,
    /// Reading pages from the database (tantivy's indexing threads go on
    /// with the documents already handed to them meanwhile).
    pub reading: Duration,
    /// Making documents and handing them to tantivy's indexing threads
    /// (waiting when their queue is full).
    pub adding: Duration,
    /// The last segments written and committed.
    pub committing: Duration,
    /// Every segment merged into one.
    pub merging: Duration,
}

/// Rebuilds the whole index from the database.
pub async fn reindex<S: Searchable>(db: &Db, index: &Arc<SearchIndex<S>>, skills: &Arc<SkillCatalog>) -> anyhow::Result<u64> {
    Ok(reindex_timed(db, index, skills).await?.records)
}

/// Rebuilds the whole index, and says where the time went.
#[tracing::instrument(skip_all, fields(kind = S::NAME))]
pub async fn reindex_timed<S: Searchable>(db: &Db, index: &Arc<SearchIndex<S>>, skills: &Arc<SkillCatalog>) -> anyhow::Result<Rebuilt> {
    let started = Instant::now();
    // Changes after this point are applied again by the follower: harmless, as
    // applying a change rewrites the record's document from the database.
    let up_to = last_change(db).await?;
    {
        let writer = index.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        writer.delete_all_documents().context("clear index")?;
    }
    let mut rebuilt = Rebuilt::default();
    let mut after = 0;
    loop {
        let read = Instant::now();
        let page = S::page(db, after, REINDEX_PAGE).await?;
        rebuilt.reading += read.elapsed();
        let Some(last) = page.last().map(S::record_id) else { break };
        after = last;
        rebuilt.records += page.len() as u64;
        let added = Instant::now();
        let (index, skills) = (index.clone(), skills.clone());
        tokio::task::spawn_blocking(move || index.add_page(&page, &skills)).await.context("reindex task failed")??;
        rebuilt.adding += added.elapsed();
    }
    let committed = Instant::now();
    let (writing, skills) = (index.clone(), skills.clone());
    tokio::task::spawn_blocking(move || writing.apply(&[], &[], &skills, up_to)).await.context("reindex commit failed")??;
    rebuilt.committing = committed.elapsed();
    let merged = Instant::now();
    let merging = index.clone();
    tokio::task::spawn_blocking(move || merging.merge_all()).await.context("reindex merge failed")??;
    rebuilt.merging = merged.elapsed();
    tracing::info!(
        records = rebuilt.records,
        kind = S::NAME,
        elapsed_ms = started.elapsed().as_millis() as u64,
        reading_ms = rebuilt.reading.as_millis() as u64,
        adding_ms = rebuilt.adding.as_millis() as u64,
        committing_ms = rebuilt.committing.as_millis() as u64,
        merging_ms = rebuilt.merging.as_millis() as u64,
        "index rebuilt"
    );
    Ok(rebuilt)
}

/// Rebuilds when the index is new, or ahead of this database (restored backup, other database).
pub async fn ensure_current<S: Searchable>(db: &Db, index: &Arc<SearchIndex<S>>, skills: &Arc<SkillCatalog>, fresh: bool) -> anyhow::Result<()> {
    let newest = last_change(db).await?;
    if fresh || index.cursor() > newest {
        reindex(db, index, skills).await?;
    }
    Ok(())
}

/// Follows the feed until the process ends: woken by writes, and every half
/// second in case a write came from another node (or one that wakes another index).
pub async fn run_indexer<S: Searchable>(db: Db, index: Arc<SearchIndex<S>>, skills: Arc<SkillCatalog>) {
    loop {
        match apply_pending(&db, &index, &skills).await {
            Ok(n) if n as i64 == FEED_BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error.cause_chain = ?e, kind = S::NAME, "indexing failed; retrying"),
        }
        tokio::select! {
            _ = index.changed.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
    }
}
