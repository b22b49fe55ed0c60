//! The training platform: courses and their sessions (staff), the session
//! search, enrolment and the waitlist, attendance and completion,
//! certificates and their public check, and suggestions from the matching engine.

use doorstep_shared::api::{
    AttendanceRequest, AttendanceSheet, CancelSessionRequest, CertificateCheck, CertificateList, CompletionOutcome, CompletionRequest, Course, CoursePage,
    CourseRequest, CourseSession, CourseSessionPage, CourseStatus, CourseUpdate, Enrolment, EnrolmentCancelRequest, EnrolmentPage, EnrolmentRequest,
    NoticePage, Period, SessionRequest, SessionSearchPage, TrainingSuggestionList,
};
use gloo_net::http::Request;

use super::client::{fetch_json, get_with, paging, plain, with_json, ApiError};

/// Sessions, courses and enrolments per page: few, for slow mobile data.
pub const TRAINING_PER_PAGE: u32 = 10;

/// The filters of a session search, as the training page keeps them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionSearch {
    /// Words, Chinese or English.
    pub q: String,
    /// County or town code; empty for anywhere.
    pub region: String,
    /// Only daytime or only evening sessions.
    pub period: Option<Period>,
    /// The seeker's position (WGS84), for nearest first.
    pub point: Option<(f64, f64)>,
    /// Page number from 1.
    pub page: u32,
}

/// Upcoming sessions with free places (or a waitlist), nearest or soonest first.
pub async fn search_sessions(search: &SessionSearch) -> Result<SessionSearchPage, ApiError> {
    let (lat, lon) = search.point.map(|(lat, lon)| (lat.to_string(), lon.to_string())).unwrap_or_default();
    let mut query = vec![
        ("q", search.q.trim().to_string()),
        ("region", search.region.clone()),
        ("period", search.period.map(|p| p.as_str().to_string()).unwrap_or_default()),
        ("lat", lat),
        ("lon", lon),
    ];
    query.extend(paging(search.page, TRAINING_PER_PAGE));
    fetch_json(get_with("/api/v1/training-sessions", &query)?).await
}

/// Reads one session.
pub async fn get_session(id: i64) -> Result<CourseSession, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/training-sessions/{id}")))?).await
}

/// Starts a session (staff): attendance and completion open.
pub async fn start_session(id: i64) -> Result<CourseSession, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/training-sessions/{id}/start")))?).await
}

/// Ends a session (staff).
pub async fn finish_session(id: i64) -> Result<CourseSession, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/training-sessions/{id}/finish")))?).await
}

/// Calls a session off with a reason (staff); the enrolled are told.
pub async fn cancel_session(id: i64, reason: String) -> Result<CourseSession, ApiError> {
    let url = format!("/api/v1/training-sessions/{id}/cancel");
    fetch_json(with_json(Request::post(&url), &CancelSessionRequest { reason })?).await
}

/// Courses in the caller's jurisdiction (staff), optionally of one status.
pub async fn list_courses(status: Option<CourseStatus>, page: u32) -> Result<CoursePage, ApiError> {
    let mut query = vec![("status", status.map(|s| s.as_str().to_string()).unwrap_or_default())];
    query.extend(paging(page, TRAINING_PER_PAGE));
    fetch_json(get_with("/api/v1/courses", &query)?).await
}

/// Creates a course as a draft (staff).
pub async fn create_course(request: &CourseRequest) -> Result<Course, ApiError> {
    fetch_json(with_json(Request::post("/api/v1/courses"), request)?).await
}

/// Reads one course.
pub async fn get_course(id: i64) -> Result<Course, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/courses/{id}")))?).await
}

/// Changes a course (staff).
pub async fn update_course(id: i64, update: &CourseUpdate) -> Result<Course, ApiError> {
    fetch_json(with_json(Request::patch(&format!("/api/v1/courses/{id}")), update)?).await
}

/// Publishes a draft course (staff): its sessions take enrolments.
pub async fn publish_course(id: i64) -> Result<Course, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/courses/{id}/publish")))?).await
}

/// Archives a course (staff).
pub async fn archive_course(id: i64) -> Result<Course, ApiError> {
    fetch_json(plain(Request::post(&format!("/api/v1/courses/{id}/archive")))?).await
}

/// Adds a session to a course (staff).
pub async fn create_session(course_id: i64, request: &SessionRequest) -> Result<CourseSession, ApiError> {
    fetch_json(with_json(Request::post(&format!("/api/v1/courses/{course_id}/sessions")), request)?).await
}

/// A course's sessions, in any status.
pub async fn course_sessions(course_id: i64, page: u32) -> Result<CourseSessionPage, ApiError> {
    fetch_json(get_with(&format!("/api/v1/courses/{course_id}/sessions"), &paging(page, TRAINING_PER_PAGE))?).await
}

/// Takes a place in a session, or joins its waitlist when it is full: the
/// seeker for themself (`person_id` `None`), staff for a person.
pub async fn enrol(session_id: i64, person_id: Option<i64>) -> Result<Enrolment, ApiError> {
    let url = format!("/api/v1/training-sessions/{session_id}/enrolments");
    fetch_json(with_json(Request::post(&url), &EnrolmentRequest { person_id })?).await
}

/// Enrolments per page of a roster: a whole class on one page.
pub const ROSTER_PER_PAGE: u32 = 100;

/// A session's roster and waitlist (staff).
pub async fn session_enrolments(session_id: i64) -> Result<EnrolmentPage, ApiError> {
    let url = format!("/api/v1/training-sessions/{session_id}/enrolments");
    fetch_json(get_with(&url, &paging(1, ROSTER_PER_PAGE))?).await
}

/// Gives up a place or a waitlist entry.
pub async fn cancel_enrolment(id: i64) -> Result<Enrolment, ApiError> {
    let url = format!("/api/v1/enrolments/{id}/cancel");
    fetch_json(with_json(Request::post(&url), &EnrolmentCancelRequest::default())?).await
}

/// The seeker's own enrolments, newest first.
pub async fn my_enrolments(page: u32) -> Result<EnrolmentPage, ApiError> {
    fetch_json(get_with("/api/v1/me/enrolments", &paging(page, TRAINING_PER_PAGE))?).await
}

/// The seeker's training notices, newest first.
pub async fn my_notices(page: u32) -> Result<NoticePage, ApiError> {
    fetch_json(get_with("/api/v1/me/notices", &paging(page, TRAINING_PER_PAGE))?).await
}

/// Records one day's attendance of a session (staff).
pub async fn record_attendance(session_id: i64, request: &AttendanceRequest) -> Result<AttendanceSheet, ApiError> {
    let url = format!("/api/v1/training-sessions/{session_id}/attendance");
    fetch_json(with_json(Request::post(&url), request)?).await
}

/// A session's attendance sheet (staff).
pub async fn attendance(session_id: i64) -> Result<AttendanceSheet, ApiError> {
    fetch_json(plain(Request::get(&format!("/api/v1/training-sessions/{session_id}/attendance")))?).await
}

/// Marks an enrolment completed (issuing a certificate) or not, with a reason (staff).
pub async fn record_completion(enrolment_id: i64, request: &CompletionRequest) -> Result<CompletionOutcome, ApiError> {
    let url = format!("/api/v1/enrolments/{enrolment_id}/completion");
    fetch_json(with_json(Request::post(&url), request)?).await
}

/// Checks a certificate by number and verification code (public).
pub async fn verify_certificate(number: &str, code: &str) -> Result<CertificateCheck, ApiError> {
    let query = [("number", number.trim().to_string()), ("code", code.trim().to_string())];
    fetch_json(get_with("/api/v1/certificates/verify", &query)?).await
}

/// The seeker's own certificates.
pub async fn my_certificates() -> Result<CertificateList, ApiError> {
    fetch_json(plain(Request::get("/api/v1/me/certificates"))?).await
}

/// Sessions whose skills would open the most postings for the seeker.
pub async fn my_training_suggestions() -> Result<TrainingSuggestionList, ApiError> {
    fetch_json(plain(Request::get("/api/v1/me/training-suggestions"))?).await
}
