//! Course sessions as a `Searchable` kind: one document per open or full
//! session of a published course. A change to a course rewrites all its
//! sessions. `CourseIndex` is their `SearchIndex`.
//!
//! Place in the order (see `mod.rs`): above `course_document`, beside
//! `index`.

use doorstep_shared::api::{CourseStatus, SessionStatus};
use tantivy::schema::{Field, Schema};
use tantivy::TantivyDocument;

use super::course_document::course_session_document;
use super::course_schema::{course_session_schema, CourseSessionFields};
use super::index::SearchIndex;
use super::searchable::{ids_of, Searchable};
use crate::reference::SkillCatalog;
use crate::storage::{course_session_docs_by_ids, searchable_course_session_docs_page, session_ids_of_courses, Change, CourseSessionDoc, Db};

/// The course-sessions kind.
pub struct CourseSessions;

/// The course-session index.
pub type CourseIndex = SearchIndex<CourseSessions>;

impl Searchable for CourseSessions {
    const NAME: &'static str = "course session";
    const ENTITIES: &'static [&'static str] = &["course", "course_session"];
    type Fields = CourseSessionFields;
    type Record = CourseSessionDoc;
    type Cache = ();

    fn schema() -> (Schema, CourseSessionFields) {
        course_session_schema()
    }

    fn id_field(fields: &CourseSessionFields) -> Field {
        fields.id
    }

    fn record_id(record: &CourseSessionDoc) -> i64 {
        record.id
    }

    fn document(s: &CourseSessionDoc, fields: &CourseSessionFields, skills: &SkillCatalog) -> Option<TantivyDocument> {
        let listed = s.course_status == CourseStatus::Published && matches!(s.status, SessionStatus::Open | SessionStatus::Full);
        listed.then(|| course_session_document(s, fields, skills))
    }

    fn new_cache(_fields: CourseSessionFields) {}

    async fn ids_for_changes(db: &Db, changes: &[Change]) -> anyhow::Result<Vec<i64>> {
        let mut ids = ids_of(changes, "course_session");
        ids.extend(session_ids_of_courses(db, &ids_of(changes, "course")).await?);
        Ok(ids)
    }

    async fn load(db: &Db, ids: &[i64]) -> anyhow::Result<Vec<CourseSessionDoc>> {
        course_session_docs_by_ids(db, ids).await
    }

    async fn page(db: &Db, after: i64, limit: i64) -> anyhow::Result<Vec<CourseSessionDoc>> {
        searchable_course_session_docs_page(db, after, limit).await
    }
}
