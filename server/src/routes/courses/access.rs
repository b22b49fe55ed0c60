//! Who may see and change a course: staff governing its region, and admin.
//! Published courses are public; drafts and archived ones are not.

use doorstep_shared::api::CourseStatus;

use crate::auth::{governs, CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::storage::{get_course, Db, StoredCourse};

/// Loads a course the staff member governs; others get "not found" unless it
/// is published, which they may see but not change (403).
pub async fn governed_course(scope: &StaffScope, db: &Db, id: i64) -> Result<StoredCourse, ApiError> {
    let course = get_course(db, id).await?;
    if scope.allows(&course.content.region) {
        return Ok(course);
    }
    if course.status == CourseStatus::Published {
        return Err(ApiError::forbidden("only staff responsible for the course's region may change it"));
    }
    Err(ApiError::not_found("course"))
}

/// Loads a course the caller may read: a published one for anyone (signed in
/// or not), any other for those who govern its region.
pub async fn visible_course(user: Option<&CurrentUser>, db: &Db, id: i64) -> Result<StoredCourse, ApiError> {
    let course = get_course(db, id).await?;
    if course.status == CourseStatus::Published || user.is_some_and(|u| governs(u, &course.content.region)) {
        return Ok(course);
    }
    Err(ApiError::not_found("course"))
}
