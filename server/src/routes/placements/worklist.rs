//! `GET /api/v1/follow-ups`: the follow-up worklist. Every placement of a
//! person living in the jurisdiction owes a follow-up at 1, 3 and 6 months
//! (`domain::FollowUpMonth`); staff see them by due day — due, overdue,
//! done or upcoming — and record one with `POST /placements/{id}/follow-ups`.
//! The employment figures' retention reads the same records.

use actix_web::web;
use doorstep_shared::api::{FollowUpState, FollowUpTask, FollowUpTaskPage};
use doorstep_shared::types::{Day, RegionCode};
use serde::Deserialize;

use super::placement_response;
use crate::auth::StaffScope;
use crate::clock::today;
use crate::domain::FollowUpMonth;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::reference::Regions;
use crate::routes::figures::figure_region;
use crate::routes::paging::Paging;
use crate::storage::{placements_to_follow, Db};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WorklistQuery {
    /// Only follow-ups in this state (default: due and overdue together).
    state: Option<FollowUpState>,
    /// Only people living in this region, inside the jurisdiction (default: all of it).
    region: Option<String>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Follow-ups owed for placements of people in the caller's jurisdiction, earliest due first.
#[utoipa::path(get, path = "/api/v1/follow-ups", tag = "placements", params(WorklistQuery),
    responses((status = 200, body = FollowUpTaskPage),
        (status = 400, body = doorstep_shared::api::ApiErrorBody, description = "a bad state or page"),
        (status = 403, body = doorstep_shared::api::ApiErrorBody, description = "not staff, or `region` outside the jurisdiction"),
        (status = 422, body = doorstep_shared::api::ApiErrorBody, description = "an unknown region")))]
#[tracing::instrument(skip_all, fields(user_id = scope.user.id))]
pub async fn follow_up_worklist(
    scope: StaffScope,
    query: ApiQuery<WorklistQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
) -> Result<web::Json<FollowUpTaskPage>, ApiError> {
    let query = query.0;
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let region = figure_region(&scope, &regions, query.region.as_deref())?;
    let Worklist { tasks, due, overdue } = follow_up_tasks(&db, &regions, region.as_ref(), query.state, today()).await?;
    let total = tasks.len() as i64;
    let items = tasks.into_iter().skip(paging.offset() as usize).take(paging.per_page as usize).collect();
    Ok(web::Json(FollowUpTaskPage { items, total, due, overdue, page: paging.page, per_page: paging.per_page }))
}

/// The follow-ups in one state (`None`: due and overdue together), in the
/// worklist's order, and how many are due and overdue in all.
pub struct Worklist {
    pub tasks: Vec<FollowUpTask>,
    pub due: i64,
    pub overdue: i64,
}

/// The follow-ups owed for placements of people living in `region` (everywhere when `None`), judged on `today`.
pub async fn follow_up_tasks(db: &Db, regions: &Regions, region: Option<&RegionCode>, state: Option<FollowUpState>, today: Day) -> anyhow::Result<Worklist> {
    let prefix = region.map(|r| r.to_string()).unwrap_or_default();
    let placements = placements_to_follow(db, &prefix, state != Some(FollowUpState::Done)).await?;
    let mut tasks = Vec::new();
    for placement in placements {
        let region_name = regions.place_name(placement.row.person_region.as_ref());
        let response = placement_response(placement);
        for month in [1, 3, 6].map(FollowUpMonth::parse).into_iter().flatten() {
            let follow_up = response.follow_ups.iter().find(|f| f.month == month.get()).cloned();
            let task_state = if follow_up.is_some() { FollowUpState::Done } else { month.state(response.start_date, today) };
            tasks.push(FollowUpTask {
                placement_id: response.id,
                person_id: response.person_id,
                person_name: response.person_name.clone(),
                region_name: region_name.clone(),
                posting_title: response.posting_title.clone(),
                employer_name: response.employer_name.clone(),
                kind: response.kind,
                start_date: response.start_date,
                month: month.get(),
                due_on: month.due(response.start_date),
                state: task_state,
                follow_up,
            });
        }
    }
    let due = tasks.iter().filter(|t| t.state == FollowUpState::Due).count() as i64;
    let overdue = tasks.iter().filter(|t| t.state == FollowUpState::Overdue).count() as i64;
    tasks.retain(|t| match state {
        Some(state) => t.state == state,
        None => matches!(t.state, FollowUpState::Due | FollowUpState::Overdue),
    });
    if state == Some(FollowUpState::Done) {
        tasks.sort_by(|a, b| b.due_on.cmp(&a.due_on).then(b.placement_id.cmp(&a.placement_id)));
    } else {
        tasks.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.placement_id.cmp(&b.placement_id)));
    }
    Ok(Worklist { tasks, due, overdue })
}
