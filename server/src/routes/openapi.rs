//! The OpenAPI 3 document, generated from the handlers' annotations.

use actix_web::HttpResponse;
use utoipa::OpenApi;

use super::{applications, audit, auth, employers, health, inbox, matching, people, placements, postings, push, regions, skills};

#[derive(OpenApi)]
#[openapi(
    info(title = "Doorstep API", description = "Job matching for civil-affairs poverty-alleviation work"),
    paths(
        health::healthz, health::readyz,
        auth::login, auth::logout, auth::register, auth::me,
        regions::list_regions, regions::get_region, regions::put_region_point,
        skills::list_skills,
        people::create_person, people::list_people_handler, people::get_person_handler,
        people::update_person_handler, people::reveal_id_number, people::get_profile, people::put_profile,
        employers::create_employer, employers::list_employers_handler, employers::get_employer_handler,
        audit::list_audit_handler,
        postings::create_posting, postings::search_postings, postings::list_managed_postings,
        postings::get_posting_handler, postings::update_posting_handler,
        postings::approve_posting, postings::reject_posting, postings::close_posting,
        matching::match_postings, matching::person_matches, matching::posting_candidates, matching::invite_candidate,
        applications::create_application, applications::list_applications_handler, applications::get_application_handler,
        applications::change_application_status,
        placements::list_placements_handler, placements::get_placement_handler, placements::record_follow_up,
        push::push_postings, inbox::get_inbox,
    ),
    tags(
        (name = "auth", description = "login, logout, registration"),
        (name = "people", description = "the people registry (staff, within jurisdiction)"),
        (name = "applications", description = "applications and referrals, the employer's responses, hires"),
        (name = "placements", description = "placements and retention follow-ups (staff, within jurisdiction)"),
        (name = "push", description = "the batch push and the seeker's inbox"),
    )
)]
pub struct ApiDoc;

/// Serves the document.
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
