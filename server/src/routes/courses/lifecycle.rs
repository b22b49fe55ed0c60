//! Course moves: publish, archive.

use actix_web::web;
use doorstep_shared::api::Course;

use super::{course_response, governed_course};
use crate::auth::StaffScope;
use crate::domain::{check_course_move, CourseMove, StatusRefusal};
use crate::error::status_refusal;
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::search::CourseIndex;
use crate::storage::{get_course, set_course_status, CourseWrite, Db};

async fn apply_move(
    m: CourseMove,
    scope: StaffScope,
    id: i64,
    db: &Db,
    regions: &Regions,
    skills: &SkillCatalog,
    courses: &CourseIndex,
) -> Result<web::Json<Course>, ApiError> {
    let course = governed_course(&scope, db, id).await?;
    let to = check_course_move(m, course.status).map_err(status_refusal)?;
    if let CourseWrite::Moved(now) = set_course_status(db, id, m.from(), to, scope.user.id).await? {
        // Someone moved it meanwhile: answer from the status it has now.
        return Err(status_refusal(StatusRefusal::Illegal { from: now.as_str(), to: to.as_str() }));
    }
    courses.changed.notify_one();
    Ok(web::Json(course_response(&get_course(db, id).await?, regions, skills)))
}

/// Publishes a draft course: it and its sessions become public.
#[utoipa::path(post, path = "/api/v1/courses/{id}/publish", tag = "training",
    responses((status = 200, body = Course), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn publish_course(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<Course>, ApiError> {
    apply_move(CourseMove::Publish, scope, *path, &db, &regions, &skills, &courses).await
}

/// Archives a course: no longer offered, no new sessions.
#[utoipa::path(post, path = "/api/v1/courses/{id}/archive", tag = "training",
    responses((status = 200, body = Course), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn archive_course(
    scope: StaffScope,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<Course>, ApiError> {
    apply_move(CourseMove::Archive, scope, *path, &db, &regions, &skills, &courses).await
}
