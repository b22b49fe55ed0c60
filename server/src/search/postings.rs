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

/// A random index for the tests of the paths that read it.
#[cfg(test)]
pub(super) mod testing {
    use doorstep_shared::api::Schedule;
    use rand::rngs::StdRng;
    use rand::seq::SliceRandom;
    use rand::Rng;
    use tantivy::TantivyDocument;

    use super::PostingIndex;
    use crate::domain::Point;

    pub(in crate::search) const SKILLS: [&str; 6] = ["S01", "S02", "S03", "S04", "S05", "S06"];
    pub(in crate::search) const HOME: Point = Point { lat: 32.7, lon: 109.0 };

    /// Postings in two segments, some deleted, sites within ~40 km of `HOME`.
    pub(in crate::search) fn random_index(rng: &mut StdRng) -> (tempfile::TempDir, PostingIndex) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (index, _) = PostingIndex::open_or_create(dir.path()).expect("index");
        let f = *index.fields();
        let mut writer = index.writer.lock().expect("writer");
        for id in 0..1_200u64 {
            let mut doc = TantivyDocument::default();
            doc.add_u64(f.id, id);
            doc.add_text(f.title, "工");
            doc.add_text(f.body, "岗位");
            let k = rng.gen_range(0..=4);
            for skill in SKILLS.choose_multiple(rng, k) {
                doc.add_text(f.skills, skill);
            }
            doc.add_text(f.region_code, "610902001");
            doc.add_u64(f.employer_id, 1);
            doc.add_f64(f.lat, HOME.lat + rng.gen_range(-0.35..0.35));
            doc.add_f64(f.lon, HOME.lon + rng.gen_range(-0.4..0.4));
            let wage_min = rng.gen_range(15..=40) * 100;
            doc.add_u64(f.wage_min, wage_min);
            doc.add_u64(f.wage_max, wage_min + rng.gen_range(0..=10) * 100);
            doc.add_text(f.schedule, Schedule::ALL.choose(rng).expect("schedule").as_str());
            doc.add_u64(f.accommodation, u64::from(rng.gen_bool(0.3)));
            doc.add_u64(f.accessible, u64::from(rng.gen_bool(0.3)));
            doc.add_u64(f.physical, rng.gen_range(0..=2));
            doc.add_i64(f.valid_until, rng.gen_range(100..=200));
            doc.add_i64(f.created_at, 0);
            writer.add_document(doc).expect("add");
            if id == 700 {
                writer.commit().expect("commit");
            }
        }
        for id in (0..1_200u64).step_by(9) {
            writer.delete_term(tantivy::Term::from_field_u64(f.id, id));
        }
        writer.commit().expect("commit");
        drop(writer);
        index.reader.reload().expect("reload");
        (dir, index)
    }
}
