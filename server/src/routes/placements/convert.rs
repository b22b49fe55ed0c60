//! Stored placements to the wire.

use doorstep_shared::api::{FollowUpResponse, PlacementResponse};

use crate::domain::parse_kind;
use crate::error::ApiError;
use crate::storage::StoredPlacement;

pub fn placement_response(p: StoredPlacement) -> Result<PlacementResponse, ApiError> {
    let r = p.row;
    let kind = parse_kind(&r.kind).ok_or_else(|| anyhow::anyhow!("corrupt placement {} kind {:?}", r.id, r.kind))?;
    let follow_ups = p
        .follow_ups
        .into_iter()
        .map(|f| FollowUpResponse {
            month: u8::try_from(f.month).unwrap_or(0),
            still_employed: f.still_employed != 0,
            monthly_wage: f.monthly_wage.and_then(|w| u32::try_from(w).ok()),
            note: f.note,
            recorded_by: f.recorded_by,
            recorded_at: f.recorded_at,
        })
        .collect();
    Ok(PlacementResponse {
        id: r.id,
        application_id: r.application_id,
        person_id: r.person_id,
        person_name: r.person_name,
        posting_id: r.posting_id,
        posting_title: r.posting_title,
        employer_name: r.employer_name,
        kind,
        start_date: r.start_date,
        monthly_wage: u32::try_from(r.monthly_wage).unwrap_or(0),
        follow_ups,
        created_at: r.created_at,
    })
}
