//! `POST /api/v1/placements/{id}/follow-ups`: retention checks at 1, 3 and 6
//! months. A check may be recorded late, never before its months have passed.

use actix_web::{web, HttpResponse};
use doorstep_shared::api::{ErrorCode, FollowUpRequest, PlacementResponse};

use super::{placement_response, visible_placement};
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::{parse_note, FollowUpMonth};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::storage::{get_placement, insert_follow_up, Db, InsertFollowUpError, NewFollowUp};

const MAX_WAGE: u32 = 100_000;

/// Records a follow-up (once per month) and answers the updated placement; audited.
#[utoipa::path(post, path = "/api/v1/placements/{id}/follow-ups", tag = "placements", request_body = FollowUpRequest,
    responses((status = 201, body = PlacementResponse), (status = 404, body = doorstep_shared::api::ApiErrorBody),
              (status = 409, body = doorstep_shared::api::ApiErrorBody, description = "this month is already recorded"),
              (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "bad input, or `too_early`: the months have not passed since the start")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id, placement_id = *path, month = body.0.month))]
pub async fn record_follow_up(scope: StaffScope, path: web::Path<i64>, body: ApiJson<FollowUpRequest>, db: web::Data<Db>) -> Result<HttpResponse, ApiError> {
    let req = body.0;
    let placement = visible_placement(&scope, &db, *path).await?;
    let month = FollowUpMonth::parse(req.month).map_err(|e| ApiError::validation("month", e))?;
    if let Err(due) = month.check_due(placement.row.start_date, today()) {
        let message = format!("the {}-month follow-up is due on {due}", month.get());
        return Err(ApiError::with_fields(ErrorCode::TooEarly, message, &["month"]));
    }
    if req.monthly_wage.is_some_and(|w| w > MAX_WAGE) {
        return Err(ApiError::validation("monthly_wage", format!("monthly_wage must be at most {MAX_WAGE} yuan")));
    }
    let note = parse_note(req.note.as_deref(), "note")?;
    let new = NewFollowUp {
        placement_id: placement.row.id,
        month: i64::from(month.get()),
        still_employed: req.still_employed,
        monthly_wage: req.monthly_wage.map(i64::from),
        note: note.as_deref(),
        actor: scope.user.id,
    };
    match insert_follow_up(&db, &new).await {
        Ok(()) => {}
        Err(InsertFollowUpError::Duplicate) => {
            let message = format!("the {}-month follow-up is already recorded", month.get());
            return Err(ApiError::with_fields(ErrorCode::AlreadyRecorded, message, &["month"]));
        }
        Err(InsertFollowUpError::Unexpected(e)) => return Err(e.into()),
    }
    Ok(HttpResponse::Created().json(placement_response(get_placement(&db, placement.row.id).await?)))
}
