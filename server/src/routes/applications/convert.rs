//! Stored applications to the wire.

use doorstep_shared::api::ApplicationResponse;

use crate::storage::StoredApplication;

pub fn application_response(a: StoredApplication) -> ApplicationResponse {
    ApplicationResponse {
        id: a.id,
        posting_id: a.posting_id,
        posting_title: a.posting_title,
        employer_id: a.employer_id,
        employer_name: a.employer_name,
        person_id: a.person_id,
        person_name: a.person_name,
        person_phone: a.person_phone,
        status: a.status,
        source: a.source,
        note: a.note,
        placement_id: a.placement_id,
        created_at: a.created_at,
        updated_at: a.updated_at,
    }
}
