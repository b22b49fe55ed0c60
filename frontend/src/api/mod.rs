//! Every HTTP call the app makes, one function per endpoint; pages never build URLs.

mod applications;
mod audit;
mod auth;
mod client;
mod employers;
mod figures;
mod imports;
mod matching;
mod people;
mod postings;
mod push;
mod reference;
mod sales;
mod training;

pub use applications::{
    add_follow_up, apply, inbox, list_applications, list_placements, set_application_status, status_only, APPLICATIONS_PER_PAGE, INBOX_PER_PAGE,
    PLACEMENTS_PER_PAGE,
};
pub use audit::{audit_log, AUDIT_PER_PAGE};
pub use auth::{ask_registration_code, get_me, login, logout, register};
pub(crate) use client::get_text;
pub use client::ApiError;
pub use employers::search_employers;
pub use figures::{
    employment_export_url, employment_figures, employment_records, follow_up_worklist, training_figures, FigurePeriod, Slice, FOLLOW_UPS_PER_PAGE,
    RECORDS_PER_PAGE,
};
pub use imports::{error_sheet_href, import_file};
pub use matching::{invite_candidate, match_postings};
pub use people::{get_profile, save_profile, search_people};
pub use postings::{
    approve_posting, close_posting, create_posting, get_posting, managed_postings, posting_candidates, reject_posting, search_postings, PostingSearch,
    MANAGED_PER_PAGE, PER_PAGE,
};
pub use push::{push_job, push_jobs, push_sms_tally, start_push, PUSH_JOBS_PER_PAGE};
pub use reference::{child_regions, region_priorities, search_skills, set_region_priorities, upload_region_points};
pub use sales::{
    change_stock, create_producer, create_product, delete_product_image, delist_product, get_order, get_producer, get_product, link_producer_account,
    list_orders, list_producers, list_product, move_order_part, place_order, producer_products, sales_figures, search_products, suspend_producer,
    update_product, upload_product_image, verify_producer, OrdersView, PartMove, ProductSearch, SALES_PER_PAGE, SHOP_PER_PAGE,
};
pub use training::{
    archive_course, attendance, cancel_enrolment, cancel_session, course_sessions, create_course, create_session, enrol, finish_session, get_course,
    get_session, list_courses, my_certificates, my_enrolments, my_notices, my_training_suggestions, publish_course, record_attendance, record_completion,
    search_sessions, session_enrolments, start_session, update_course, verify_certificate, SessionSearch, TRAINING_PER_PAGE,
};
