//! `POST /api/v1/courses`

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{Course, CourseRequest};

use super::course_response;
use crate::auth::StaffScope;
use crate::domain::parse_course;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::reference::{Regions, SkillCatalog};
use crate::search::CourseIndex;
use crate::storage::{get_course, insert_course, Db};

/// Creates a draft course in a region the caller governs (staff, admin).
#[utoipa::path(post, path = "/api/v1/courses", tag = "training", request_body = CourseRequest,
    responses((status = 201, body = Course), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn create_course(
    scope: StaffScope,
    body: ApiJson<CourseRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    courses: web::Data<CourseIndex>,
) -> Result<HttpResponse, ApiError> {
    let draft = regions.read(|tree| parse_course(body.0, tree, &skills)).map_err(ApiError::from)?;
    scope.ensure(&draft.region, "region_code")?;
    let id = insert_course(&db, &draft, scope.user.id).await?;
    courses.changed.notify_one();
    Ok(HttpResponse::Created().json(course_response(&get_course(&db, id).await?, &regions, &skills)))
}
