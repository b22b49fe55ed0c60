//! `GET /api/v1/people/{id}/sms`: a person's SMS and how each went;
//! `GET /api/v1/push/{id}/sms`: a push job's SMS counted by where they stand.
//! Staff of the person's (or the push's) region, and admin; outside the
//! jurisdiction the record is not found, as everywhere else.

use actix_web::web;
use doorstep_shared::api::{PushSmsTally, SmsPage};
use serde::Deserialize;

use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::routes::people::visible_person;
use crate::storage::{get_push_job, list_person_sms, tally_push_sms, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SmsQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// A person's SMS, newest first, with each one's delivery.
#[utoipa::path(get, path = "/api/v1/people/{id}/sms", tag = "sms", params(("id" = i64, Path, description = "the person"), SmsQuery),
    responses((status = 200, body = SmsPage), (status = 400, body = doorstep_shared::api::ApiErrorBody),
              (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, person_id = *path))]
pub async fn person_sms(scope: StaffScope, path: web::Path<i64>, query: web::Query<SmsQuery>, db: web::Data<Db>) -> Result<web::Json<SmsPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let person = visible_person(&scope, &db, *path).await?;
    let (items, total) = list_person_sms(&db, person.id, paging.limit(), paging.offset()).await?;
    Ok(web::Json(SmsPage { items, total, page: paging.page, per_page: paging.per_page }))
}

/// A push job's SMS counted by where they stand: queued, held by the daily cap, sending, sent, failed, skipped.
#[utoipa::path(get, path = "/api/v1/push/{id}/sms", tag = "sms", params(("id" = i64, Path, description = "the push job")),
    responses((status = 200, body = PushSmsTally), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, job_id = *path))]
pub async fn push_sms_tally(scope: StaffScope, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<PushSmsTally>, ApiError> {
    let job = get_push_job(&db, *path).await?;
    if !scope.covers(&job.region_prefix) {
        return Err(ApiError::not_found("push job"));
    }
    Ok(web::Json(tally_push_sms(&db, job.id).await?))
}
