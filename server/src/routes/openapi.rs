//! The OpenAPI 3 document, generated from the handlers' annotations.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use serde_json::{json, Value};
use utoipa::OpenApi;

use super::{
    applications, audit, auth, certificates, course_sessions, courses, employers, enrolments, exports, figures, health, images, imports, inbox, matching,
    orders, people, placements, postings, priorities, producers, products, push, regions, register, skills, sms, training_search, training_suggestions,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Doorstep API", description = "Job matching for civil-affairs poverty-alleviation work"),
    paths(
        health::healthz, health::readyz, openapi_json,
        auth::login, auth::logout, register::request_registration_code, register::register, auth::me,
        regions::list_regions, regions::get_region, regions::put_region_point, regions::upload_region_points,
        priorities::get_priorities, priorities::put_priorities,
        skills::list_skills,
        people::create_person, people::list_people_handler, people::get_person_handler,
        people::update_person_handler, people::reveal_id_number, people::get_profile, people::put_profile,
        imports::import_people, imports::import_postings, imports::get_error_sheet,
        employers::create_employer, employers::list_employers_handler, employers::get_employer_handler,
        audit::list_audit_handler,
        postings::create_posting, postings::search_postings, postings::list_managed_postings,
        postings::get_posting_handler, postings::update_posting_handler,
        postings::approve_posting, postings::reject_posting, postings::close_posting,
        matching::match_postings, matching::person_matches, matching::posting_candidates, matching::invite_candidate,
        applications::create_application, applications::list_applications_handler, applications::get_application_handler,
        applications::change_application_status,
        placements::list_placements_handler, placements::get_placement_handler, placements::record_follow_up, placements::follow_up_worklist, exports::export_follow_ups,
        push::start_push, push::get_push_job_handler, push::list_push_jobs_handler, inbox::get_inbox,
        sms::person_sms, sms::push_sms_tally, sms::receive_sms_reply,
        courses::create_course, courses::list_courses_handler, courses::get_course_handler, courses::update_course_handler,
        courses::publish_course, courses::archive_course,
        course_sessions::create_course_session, course_sessions::list_course_sessions, course_sessions::get_course_session_handler,
        course_sessions::update_course_session_handler, course_sessions::start_course_session, course_sessions::finish_course_session,
        course_sessions::cancel_course_session_handler,
        enrolments::enrol_handler, enrolments::session_roster, enrolments::cancel_enrolment_handler,
        enrolments::my_enrolments, enrolments::my_notices, enrolments::person_enrolments,
        certificates::record_attendance_handler, certificates::get_attendance, certificates::complete_enrolment,
        certificates::verify_certificate, certificates::my_certificates, certificates::person_certificates,
        training_search::search_training_sessions,
        training_suggestions::person_training_suggestions, training_suggestions::my_training_suggestions,
        figures::training_figures_handler, figures::employment_figures_handler, figures::employment_records_handler, exports::export_employment_figures, exports::export_employment_records,
        producers::create_producer, producers::list_producers_handler, producers::get_producer_handler, producers::update_producer_handler,
        producers::verify_producer, producers::suspend_producer, producers::link_producer_account_handler,
        products::create_product, products::search_products, products::get_product_handler, products::update_product_handler, products::producer_products_handler,
        products::change_stock_handler, products::list_product, products::delist_product,
        products::upload_product_image, products::delete_product_image,
        orders::place_order_handler, orders::get_order_handler, orders::list_orders_handler, orders::pay_order_handler,
        orders::pay_order_part, orders::ship_order_part, orders::deliver_order_part, orders::cancel_order_part,
        figures::sales_figures_handler,
        images::get_image,
        exports::export_training_figures, exports::export_sales_figures, exports::export_people, exports::export_placements,
    ),
    tags(
        (name = "auth", description = "login, logout, registration"),
        (name = "people", description = "the people registry (staff, within jurisdiction)"),
        (name = "applications", description = "applications and referrals, the employer's responses, hires"),
        (name = "placements", description = "placements and retention follow-ups (staff, within jurisdiction)"),
        (name = "figures", description = "the bureau's employment figures and the records behind them (staff, within jurisdiction)"),
        (name = "push", description = "the batch push and the seeker's inbox"),
        (name = "sms", description = "SMS delivery per person and per push, and the gateway's reply callback"),
        (name = "training", description = "the training platform: courses, sessions, enrolment, certificates, suggestions"),
        (name = "sales", description = "the sales platform: producers, products, orders, income to households"),
    )
)]
pub struct ApiDoc;

/// Serves the document, with the refusals every operation shares.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations", responses((status = 200, description = "this document")))]
pub async fn openapi_json() -> HttpResponse {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    HttpResponse::Ok().json(DOCUMENT.get_or_init(|| complete(serde_json::to_value(ApiDoc::openapi()).unwrap_or_default())))
}

/// Operations that need no session (everything else may answer 401 and 403).
const PUBLIC: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/register"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/regions"),
    ("get", "/api/v1/regions/{code}"),
    ("get", "/api/v1/skills"),
    ("get", "/api/v1/postings"),
    ("get", "/api/v1/postings/{id}"),
    ("get", "/api/v1/training-sessions"),
    ("post", "/api/v1/match"),
    ("get", "/api/v1/courses"),
    ("get", "/api/v1/courses/{id}"),
    ("get", "/api/v1/courses/{id}/sessions"),
    ("get", "/api/v1/training-sessions/{id}"),
    ("get", "/api/v1/certificates/verify"),
    ("get", "/api/v1/producers"),
    ("get", "/api/v1/producers/{id}"),
    ("get", "/api/v1/products"),
    ("get", "/api/v1/products/{id}"),
    ("post", "/api/v1/orders"),
    ("get", "/api/v1/orders/{id}"),
    ("post", "/api/v1/order-parts/{id}/deliver"),
    ("post", "/api/v1/order-parts/{id}/cancel"),
];

/// Adds the answers that come from shared machinery rather than from a
/// handler: the query-string text rule (400, 422) on every API operation, the
/// body extractor's (408, 413, 415, 422) where there is a body, a path id that
/// names nothing (404), and the session check (401, 403). Paging starts at 1.
fn complete(mut doc: Value) -> Value {
    let Some(paths) = doc.pointer_mut("/paths").and_then(Value::as_object_mut) else { return doc };
    for (path, item) in paths.iter_mut().filter(|(p, _)| p.starts_with("/api/")) {
        let Some(item) = item.as_object_mut() else { continue };
        for (method, operation) in item.iter_mut() {
            let mut codes = vec!["400", "422"];
            if operation.get("requestBody").is_some() {
                codes.extend(["408", "413", "415"]);
            }
            if path.contains('{') {
                codes.push("404");
            }
            if !PUBLIC.contains(&(method.as_str(), path.as_str())) {
                codes.extend(["401", "403"]);
            }
            if let Some(responses) = operation.get_mut("responses").and_then(Value::as_object_mut) {
                for code in codes {
                    responses.entry(code).or_insert_with(|| error_response(code));
                }
            }
            for parameter in operation.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                if matches!(parameter["name"].as_str(), Some("page" | "per_page")) {
                    if let Some(schema) = parameter.get_mut("schema").and_then(Value::as_object_mut) {
                        schema.insert("minimum".into(), json!(1));
                    }
                }
            }
        }
    }
    doc
}

fn error_response(code: &str) -> Value {
    let description = match code {
        "400" => "a parameter does not parse, or the query string is not UTF-8",
        "401" => "no valid session",
        "403" => "the role or jurisdiction does not allow this",
        "404" => "no such record within the caller's jurisdiction",
        "408" => "the body did not arrive in time",
        "413" => "the body is too large",
        "415" => "the body is not application/json",
        _ => "the input breaks a rule (for example a control character in text)",
    };
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiErrorBody"}}}})
}
