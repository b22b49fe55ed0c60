//! Stored placements to the wire.

use doorstep_shared::api::{FollowUpResponse, PlacementResponse};

use crate::storage::StoredPlacement;

pub fn placement_response(p: StoredPlacement) -> PlacementResponse {
    let r = p.row;
    let follow_ups = p
        .follow_ups
        .into_iter()
        .map(|f| FollowUpResponse {
            month: f.month,
            still_employed: f.still_employed,
            monthly_wage: f.monthly_wage,
            note: f.note,
            recorded_by: f.recorded_by,
            recorded_at: f.recorded_at,
        })
        .collect();
    PlacementResponse {
        id: r.id,
        application_id: r.application_id,
        person_id: r.person_id,
        person_name: r.person_name,
        posting_id: r.posting_id,
        posting_title: r.posting_title,
        employer_name: r.employer_name,
        kind: r.kind,
        start_date: r.start_date,
        monthly_wage: r.monthly_wage,
        follow_ups,
        created_at: r.created_at,
    }
}
