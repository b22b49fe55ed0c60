//! `/api/v1/push`: starts a push job (see `crate::push`) for a region inside
//! the caller's jurisdiction and answers at once (202, `Location` of the
//! job); `GET /push/{id}` reports its progress, `GET /push` lists recent jobs.
//! One push per region at a time: a push overlapping a running one (the same
//! region, one containing it or inside it) is refused with `push_running`.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ErrorCode, PushJob, PushJobPage, PushRequest};
use serde::Deserialize;

use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::push::PushRunner;
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::storage::{get_push_job, list_push_jobs, Db, StartOutcome, StoredPushJob};

const DEFAULT_TOP_K: u32 = 3;
const MAX_TOP_K: u32 = 20;

/// Starts pushing new matching postings to every seeking person in the region (staff).
#[utoipa::path(post, path = "/api/v1/push", tag = "push", request_body = PushRequest,
    responses((status = 202, body = PushJob, headers(("Location" = String, description = "the job's URL"))),
        (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 409, body = doorstep_shared::api::ApiErrorBody),
        (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn start_push(
    scope: StaffScope,
    body: ApiJson<PushRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    runner: web::Data<PushRunner>,
) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let top_k = req.top_k.unwrap_or(DEFAULT_TOP_K);
    if !(1..=MAX_TOP_K).contains(&top_k) {
        return Err(ApiError::validation("top_k", format!("top_k must be 1 to {MAX_TOP_K}")));
    }
    let prefix = match req.region.as_deref() {
        Some(raw) => {
            let region = regions.read(|t| t.resolve(raw)).map_err(|e| ApiError::validation("region", e))?;
            scope.ensure(&region, "region")?;
            region.to_string()
        }
        None => scope.prefix().to_string(),
    };
    let id = match runner.start(&prefix, top_k, Some(scope.user.id)).await? {
        StartOutcome::Started(id) => id,
        StartOutcome::Running(id) => {
            let message = format!("push job {id} is running for this region, one containing it or one inside it");
            return Err(ApiError::with_fields(ErrorCode::PushRunning, message, &["region"]));
        }
    };
    let job = get_push_job(&db, id).await?;
    Ok(HttpResponse::Accepted().insert_header(("Location", format!("/api/v1/push/{id}"))).json(push_job(job)))
}

/// One push job's progress: staff of its region, admin.
#[utoipa::path(get, path = "/api/v1/push/{id}", tag = "push",
    responses((status = 200, body = PushJob), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_push_job_handler(scope: StaffScope, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<PushJob>, ApiError> {
    let job = get_push_job(&db, *path).await?;
    if !scope.covers(&job.region_prefix) {
        return Err(ApiError::not_found("push job"));
    }
    Ok(web::Json(push_job(job)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PushJobsQuery {
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Push jobs inside the caller's jurisdiction, newest first.
#[utoipa::path(get, path = "/api/v1/push", tag = "push", params(PushJobsQuery),
    responses((status = 200, body = PushJobPage), (status = 400, body = doorstep_shared::api::ApiErrorBody), (status = 403, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_push_jobs_handler(scope: StaffScope, query: web::Query<PushJobsQuery>, db: web::Data<Db>) -> Result<web::Json<PushJobPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let (jobs, total) = list_push_jobs(&db, scope.prefix(), paging.limit(), paging.offset()).await?;
    let items = jobs.into_iter().map(push_job).collect();
    Ok(web::Json(PushJobPage { items, total, page: paging.page, per_page: paging.per_page }))
}

fn push_job(job: StoredPushJob) -> PushJob {
    PushJob {
        id: job.id,
        region: Some(job.region_prefix).filter(|r| !r.is_empty()),
        top_k: job.top_k,
        state: job.state,
        people_done: job.people_done,
        people_total: job.people_total,
        summary: job.summary,
        started_by: job.started_by,
        started_at: job.started_at,
        finished_at: job.finished_at,
    }
}
