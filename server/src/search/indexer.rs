//! Keeping the index equal to the database: the feed follower, and the full
//! rebuild. Each commit carries the last applied feed seq as its payload, so
//! after a crash the follower resumes exactly where the index stands: nothing
//! is skipped, nothing applied twice.
//!
//! Place in the order (see `mod.rs`): the top, beside `query`.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use doorstep_shared::api::PostingStatus;
use tantivy::Term;

use super::document::to_document;
use super::index::PostingIndex;
use crate::reference::SkillCatalog;
use crate::storage::{changes_after, last_change, open_postings_page, postings_by_ids, Db, StoredPosting};

const FEED_BATCH: i64 = 2_000;
const REINDEX_PAGE: i64 = 5_000;

impl PostingIndex {
    /// Replaces each listed posting's document: open ones are (re)added, the rest removed.
    fn apply(&self, ids: &[i64], postings: &[StoredPosting], skills: &SkillCatalog, up_to: i64) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for id in ids {
            writer.delete_term(Term::from_field_u64(self.fields.id, *id as u64));
        }
        for p in postings.iter().filter(|p| p.status == PostingStatus::Open) {
            writer.add_document(to_document(p, &self.fields, skills)).context("add posting document")?;
        }
        let mut commit = writer.prepare_commit().context("prepare index commit")?;
        commit.set_payload(&up_to.to_string());
        commit.commit().context("commit index")?;
        drop(writer);
        self.reader.reload().context("reload index reader")?;
        // Open the new segments' columns here, not in the next search.
        self.columns.for_searcher(&self.reader.searcher()).context("open new segments' columns")?;
        self.set_cursor(up_to);
        Ok(())
    }
}

impl PostingIndex {
    /// Merges every segment into one: a rebuilt index searches fastest whole,
    /// as each segment costs every query its own set-up. Merges keep the
    /// commit payload, so the feed position survives. A merge that cannot
    /// start (the writer's own merge policy got there first) only costs speed.
    fn merge_all(&self) -> anyhow::Result<()> {
        let mut writer = self.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let segments = self.index.searchable_segment_ids().context("list index segments")?;
        if segments.len() > 1 {
            if let Err(e) = writer.merge(&segments).wait() {
                tracing::warn!(error = %e, segments = segments.len(), "could not merge the rebuilt index; searching it in segments");
            }
        }
        drop(writer);
        self.reader.reload().context("reload index reader")?;
        self.columns.for_searcher(&self.reader.searcher()).context("open merged segment's columns")?;
        Ok(())
    }
}

/// Applies pending feed entries; returns how many.
pub async fn apply_pending(db: &Db, index: &Arc<PostingIndex>, skills: &Arc<SkillCatalog>) -> anyhow::Result<usize> {
    let changes = changes_after(db, index.cursor(), FEED_BATCH).await?;
    let Some(last) = changes.last().map(|c| c.seq) else {
        return Ok(0);
    };
    let mut ids: Vec<i64> = changes.iter().filter(|c| c.entity == "posting").map(|c| c.entity_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let postings = postings_by_ids(db, &ids).await?;
    let (index, skills) = (index.clone(), skills.clone());
    tokio::task::spawn_blocking(move || index.apply(&ids, &postings, &skills, last)).await.context("indexing task failed")??;
    Ok(changes.len())
}

/// Rebuilds the whole index from the database.
#[tracing::instrument(skip_all)]
pub async fn reindex(db: &Db, index: &Arc<PostingIndex>, skills: &Arc<SkillCatalog>) -> anyhow::Result<u64> {
    let started = std::time::Instant::now();
    // Changes after this point are applied again by the follower: harmless, as
    // applying a change rewrites the posting's document from the database.
    let up_to = last_change(db).await?;
    {
        let writer = index.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        writer.delete_all_documents().context("clear index")?;
    }
    let mut after = 0;
    let mut count = 0u64;
    loop {
        let page = open_postings_page(db, after, REINDEX_PAGE).await?;
        let Some(last) = page.last().map(|p| p.id) else { break };
        after = last;
        count += page.len() as u64;
        let (index, skills) = (index.clone(), skills.clone());
        tokio::task::spawn_blocking(move || {
            let writer = index.writer.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            for p in &page {
                writer.add_document(to_document(p, &index.fields, &skills)).context("add posting document")?;
            }
            Ok::<_, anyhow::Error>(())
        })
        .await
        .context("reindex task failed")??;
    }
    let (index2, skills2) = (index.clone(), skills.clone());
    tokio::task::spawn_blocking(move || {
        index2.apply(&[], &[], &skills2, up_to)?;
        index2.merge_all()
    })
    .await
    .context("reindex commit failed")??;
    tracing::info!(postings = count, elapsed_ms = started.elapsed().as_millis() as u64, "posting index rebuilt");
    Ok(count)
}

/// Rebuilds when the index is new, or ahead of this database (restored backup, other database).
pub async fn ensure_current(db: &Db, index: &Arc<PostingIndex>, skills: &Arc<SkillCatalog>, fresh: bool) -> anyhow::Result<()> {
    let newest = last_change(db).await?;
    if fresh || index.cursor() > newest {
        reindex(db, index, skills).await?;
    }
    Ok(())
}

/// Follows the feed until the process ends: woken by writes, and every half
/// second in case a write came from another node.
pub async fn run_indexer(db: Db, index: Arc<PostingIndex>, skills: Arc<SkillCatalog>) {
    loop {
        match apply_pending(&db, &index, &skills).await {
            Ok(n) if n as i64 == FEED_BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error.cause_chain = ?e, "indexing failed; retrying"),
        }
        tokio::select! {
            _ = index.changed.notified() => {}
            _ = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
    }
}
