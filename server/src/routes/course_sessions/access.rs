//! Who may see and change a session: as its course (the staff governing the
//! course's region, and admin); public while the course is published.

use doorstep_shared::api::CourseStatus;

use crate::auth::{governs, CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::storage::{get_course_session, Db, StoredCourseSession};

/// Loads a session whose course the staff member governs; others get "not
/// found" unless the course is published, which they may see but not change (403).
pub async fn governed_session(scope: &StaffScope, db: &Db, id: i64) -> Result<StoredCourseSession, ApiError> {
    let session = get_course_session(db, id).await?;
    if scope.allows(&session.course.region) {
        return Ok(session);
    }
    if session.course.status == CourseStatus::Published {
        return Err(ApiError::forbidden("only staff responsible for the course's region may change its sessions"));
    }
    Err(ApiError::not_found("course session"))
}

/// Loads a session the caller may read: one of a published course for
/// anyone, any other for those who govern the course's region.
pub async fn visible_session(user: Option<&CurrentUser>, db: &Db, id: i64) -> Result<StoredCourseSession, ApiError> {
    let session = get_course_session(db, id).await?;
    if session.course.status == CourseStatus::Published || user.is_some_and(|u| governs(u, &session.course.region)) {
        return Ok(session);
    }
    Err(ApiError::not_found("course session"))
}
