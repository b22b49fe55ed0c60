//! `PATCH /api/v1/courses/{id}`

use actix_web::web;
use doorstep_shared::api::{Course, CourseStatus, CourseUpdate};

use super::{course_response, governed_course};
use crate::auth::StaffScope;
use crate::domain::{apply_course_update, check_course_editable, course_to_request, parse_course, StatusRefusal};
use crate::error::status_refusal;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::search::CourseIndex;
use crate::storage::{get_course, update_course, CourseWrite, Db};

/// Changes a draft or published course; its region stays inside the caller's jurisdiction.
#[utoipa::path(patch, path = "/api/v1/courses/{id}", tag = "training", request_body = CourseUpdate,
    responses((status = 200, body = Course), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, course_id = *path))]
pub async fn update_course_handler(
    scope: StaffScope,
    path: web::Path<i64>,
    body: ApiJson<CourseUpdate>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<web::Json<Course>, ApiError> {
    let id = *path;
    let current = governed_course(&scope, &db, id).await?;
    check_course_editable(current.status).map_err(status_refusal)?;
    let merged = apply_course_update(course_to_request(&current.content), body.0);
    let draft = regions.read(|tree| parse_course(merged, tree, &skills)).map_err(ApiError::from)?;
    scope.ensure(&draft.region, "region_code")?;
    if let CourseWrite::Moved(status) = update_course(&db, id, &draft, &[CourseStatus::Draft, CourseStatus::Published], scope.user.id).await? {
        return Err(status_refusal(StatusRefusal::NotEditable { status: status.as_str() }));
    }
    courses.changed.notify_one();
    Ok(web::Json(course_response(&get_course(&db, id).await?, &regions, &skills)))
}
