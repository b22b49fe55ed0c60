//! `GET /api/v1/courses` and `GET /api/v1/courses/{id}`.

use actix_web::web;
use doorstep_shared::api::{Course, CoursePage, CourseStatus};
use serde::Deserialize;

use super::{course_response, visible_course};
use crate::auth::{CurrentUser, StaffScope};
use crate::error::ApiError;
use crate::reference::{Regions, SkillCatalog};
use crate::routes::paging::Paging;
use crate::storage::{list_courses, CourseFilter, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CoursesQuery {
    /// Only courses in this status (staff; everyone else sees published ones only).
    status: Option<CourseStatus>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Courses, newest first: for staff those of their jurisdiction in any
/// status; for everyone else the published ones.
#[utoipa::path(get, path = "/api/v1/courses", tag = "training", params(CoursesQuery), responses((status = 200, body = CoursePage), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_courses_handler(
    scope: Option<StaffScope>,
    query: web::Query<CoursesQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<CoursePage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let filter = match &scope {
        Some(scope) => CourseFilter { region_prefix: scope.prefix().to_string(), status: query.status },
        None if query.status.is_none_or(|s| s == CourseStatus::Published) => {
            CourseFilter { region_prefix: String::new(), status: Some(CourseStatus::Published) }
        }
        None => return Err(ApiError::forbidden("only staff list courses that are not published")),
    };
    let (courses, total) = list_courses(&db, &filter, paging.limit(), paging.offset()).await?;
    let items = courses.iter().map(|c| course_response(c, &regions, &skills)).collect();
    Ok(web::Json(CoursePage { items, total: total as u64, page: paging.page, per_page: paging.per_page }))
}

/// One course: published ones for everyone, others for the staff governing them.
#[utoipa::path(get, path = "/api/v1/courses/{id}", tag = "training",
    responses((status = 200, body = Course), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_course_handler(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
) -> Result<web::Json<Course>, ApiError> {
    let course = visible_course(user.as_ref(), &db, *path).await?;
    Ok(web::Json(course_response(&course, &regions, &skills)))
}
