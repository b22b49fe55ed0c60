//! Stored applications to the wire.

use doorstep_shared::api::ApplicationResponse;

use crate::domain::{parse_source, parse_status};
use crate::error::ApiError;
use crate::storage::ApplicationRow;

pub fn application_response(a: ApplicationRow) -> Result<ApplicationResponse, ApiError> {
    let status = parse_status(&a.status).ok_or_else(|| anyhow::anyhow!("corrupt application {} status {:?}", a.id, a.status))?;
    let source = parse_source(&a.source).ok_or_else(|| anyhow::anyhow!("corrupt application {} source {:?}", a.id, a.source))?;
    Ok(ApplicationResponse {
        id: a.id,
        posting_id: a.posting_id,
        posting_title: a.posting_title,
        employer_id: a.employer_id,
        employer_name: a.employer_name,
        person_id: a.person_id,
        person_name: a.person_name,
        person_phone: a.person_phone,
        status,
        source,
        note: a.note,
        placement_id: a.placement_id,
        created_at: a.created_at,
        updated_at: a.updated_at,
    })
}
