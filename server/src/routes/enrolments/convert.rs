//! Stored enrolments and notices to the wire, and the rules' refusals to errors.

use doorstep_shared::api::{Enrolment, ErrorCode, Notice};

use crate::domain::EnrolRefusal;
use crate::error::ApiError;
use crate::storage::{StoredEnrolment, StoredNotice};

pub fn enrolment_response(e: StoredEnrolment) -> Enrolment {
    Enrolment {
        id: e.id,
        session_id: e.session_id,
        course_id: e.course_id,
        course_title: e.course_title,
        start_date: e.timetable.start,
        end_date: e.timetable.end,
        region_code: e.region.to_string(),
        address: e.address,
        days: e.timetable.days,
        period: e.timetable.period,
        person_id: e.person_id,
        person_name: e.person_name,
        status: e.status,
        waitlist_position: e.waitlist_position,
        note: e.note,
        created_at: e.created_at,
    }
}

pub fn notice_response(n: StoredNotice) -> Notice {
    Notice { id: n.id, kind: n.kind, session_id: n.session_id, course_title: n.course_title, certificate_id: n.certificate_id, created_at: n.created_at }
}

/// Each rule refused with its own code.
pub fn enrol_refusal(r: EnrolRefusal) -> ApiError {
    match r {
        EnrolRefusal::SessionNotOpen(status) => {
            ApiError::new(ErrorCode::SessionNotOpen, format!("the course session is {}; it takes no enrolments", status.as_str()))
        }
        EnrolRefusal::CourseNotPublished(status) => {
            ApiError::new(ErrorCode::SessionNotOpen, format!("the course is {}, not published; its sessions take no enrolments", status.as_str()))
        }
        EnrolRefusal::Closed { deadline } => ApiError::new(ErrorCode::EnrolmentClosed, format!("enrolment closed on {deadline}")),
        EnrolRefusal::NotEligible { categories } => {
            let listed: Vec<&str> = categories.iter().map(|c| c.as_str()).collect();
            let message = format!("eligibility: the course is for people with one of these verified assistance categories: {}", listed.join(", "));
            ApiError::with_fields(ErrorCode::NotEligible, message, &listed)
        }
        EnrolRefusal::Clash { session_id } => {
            ApiError::new(ErrorCode::ScheduleClash, format!("the person holds a place in course session {session_id}, which meets at the same time"))
        }
        EnrolRefusal::AlreadyEnrolled => already_enrolled(),
    }
}

pub fn already_enrolled() -> ApiError {
    ApiError::new(ErrorCode::AlreadyEnrolled, "the person already has a place or a waitlist entry in this course session")
}
