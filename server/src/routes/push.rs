//! `POST /api/v1/push`: runs the push (see `crate::push`) for a region inside
//! the caller's jurisdiction and answers what it did.

use actix_web::web;
use doorstep_shared::api::{PushRequest, PushSummary};

use crate::auth::StaffScope;
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::push::{run_push, PushDeps};
use crate::reference::{Regions, SkillCatalog};
use crate::search::PostingIndex;
use crate::storage::Db;

const DEFAULT_TOP_K: u32 = 3;
const MAX_TOP_K: u32 = 20;

/// Pushes new matching postings to every seeking person in the region (staff).
#[utoipa::path(post, path = "/api/v1/push", tag = "push", request_body = PushRequest,
    responses((status = 200, body = PushSummary), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn push_postings(
    scope: StaffScope,
    body: ApiJson<PushRequest>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    skills: web::Data<SkillCatalog>,
    index: web::Data<PostingIndex>,
) -> Result<web::Json<PushSummary>, ApiError> {
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
    let index = index.into_inner();
    let deps = PushDeps { db: &db, index: &index, skills: &skills, regions: &regions };
    let summary = run_push(&deps, &prefix, top_k as usize, |_, _| {}).await?;
    Ok(web::Json(summary))
}
