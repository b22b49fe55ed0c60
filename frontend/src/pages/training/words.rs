//! What the training pages share: the words for the platform's enums, status
//! badges, a session's "when" line and a session card.

use doorstep_shared::api::{CourseStatus, EnrolmentStatus, NoticeKind, Period, ProviderKind, SessionSearchItem, SessionStatus, Weekday};
use leptos::prelude::*;

use crate::i18n::{tr, trf, use_i18n, Key, Lang};

/// Returns the key naming a part of the day.
pub fn period_key(period: Period) -> Key {
    match period {
        Period::Daytime => Key::TrPeriodDaytime,
        Period::Evening => Key::TrPeriodEvening,
    }
}

/// Returns the key naming a weekday (short).
pub fn weekday_key(day: Weekday) -> Key {
    match day {
        Weekday::Mon => Key::TrMon,
        Weekday::Tue => Key::TrTue,
        Weekday::Wed => Key::TrWed,
        Weekday::Thu => Key::TrThu,
        Weekday::Fri => Key::TrFri,
        Weekday::Sat => Key::TrSat,
        Weekday::Sun => Key::TrSun,
    }
}

/// Returns the key naming a kind of provider.
pub fn provider_kind_key(kind: ProviderKind) -> Key {
    match kind {
        ProviderKind::School => Key::TrProviderSchool,
        ProviderKind::College => Key::TrProviderCollege,
        ProviderKind::Employer => Key::TrProviderEmployer,
    }
}

fn course_status_key(status: CourseStatus) -> Key {
    match status {
        CourseStatus::Draft => Key::TrCourseDraft,
        CourseStatus::Published => Key::TrCoursePublished,
        CourseStatus::Archived => Key::TrCourseArchived,
    }
}

fn session_status_key(status: SessionStatus) -> Key {
    match status {
        SessionStatus::Open => Key::TrSessionOpen,
        SessionStatus::Full => Key::TrSessionFull,
        SessionStatus::Running => Key::TrSessionRunning,
        SessionStatus::Finished => Key::TrSessionFinished,
        SessionStatus::Cancelled => Key::TrSessionCancelled,
    }
}

fn enrolment_status_key(status: EnrolmentStatus) -> Key {
    match status {
        EnrolmentStatus::Enrolled => Key::TrEnrolled,
        EnrolmentStatus::Waitlisted => Key::TrWaitlisted,
        EnrolmentStatus::Cancelled => Key::TrEnrolmentCancelled,
        EnrolmentStatus::Completed => Key::TrCompleted,
        EnrolmentStatus::NotCompleted => Key::TrNotCompleted,
    }
}

/// Returns the key wording a training notice.
pub fn notice_key(kind: NoticeKind) -> Key {
    match kind {
        NoticeKind::WaitlistPromoted => Key::TrNoticePromoted,
        NoticeKind::SessionCancelled => Key::TrNoticeCancelled,
        NoticeKind::CertificateIssued => Key::TrNoticeCertificate,
    }
}

/// A coloured label: where a course, a session or an enrolment stands. The
/// classes reuse the posting and application colours.
pub fn badge(class: &'static str, key: Key) -> AnyView {
    view! { <span class=format!("badge {class}")>{tr(key)}</span> }.into_any()
}

/// Where a course stands.
pub fn course_badge(status: CourseStatus) -> AnyView {
    let class = match status {
        CourseStatus::Draft => "status-pending",
        CourseStatus::Published => "status-open",
        CourseStatus::Archived => "status-closed",
    };
    badge(class, course_status_key(status))
}

/// Where a session stands.
pub fn session_badge(status: SessionStatus) -> AnyView {
    let class = match status {
        SessionStatus::Open => "status-open",
        SessionStatus::Full | SessionStatus::Running => "status-pending",
        SessionStatus::Finished => "status-filled",
        SessionStatus::Cancelled => "status-closed",
    };
    badge(class, session_status_key(status))
}

/// Where an enrolment stands.
pub fn enrolment_badge(status: EnrolmentStatus) -> AnyView {
    let class = match status {
        EnrolmentStatus::Enrolled => "app-applied",
        EnrolmentStatus::Waitlisted => "app-interviewing",
        EnrolmentStatus::Completed => "app-hired",
        EnrolmentStatus::Cancelled | EnrolmentStatus::NotCompleted => "app-withdrawn",
    };
    badge(class, enrolment_status_key(status))
}

/// "2026-12-01 – 2026-12-20 · 周一、周三 · 晚上": the dates, the days and the part of the day.
pub fn when_line(start: String, end: String, days: Vec<Weekday>, period: Period) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || {
        let separator = match i18n.lang() {
            Lang::Zh => "、",
            Lang::En => ", ",
        };
        let days: Vec<&str> = days.iter().map(|&d| i18n.t(weekday_key(d))).collect();
        format!("{start} – {end} · {} · {}", days.join(separator), i18n.t(period_key(period)))
    }
}

/// Free places, or that the session is full and takes a waitlist.
pub fn places_line(free: u32) -> AnyView {
    if free == 0 {
        view! { <span class="places full">{tr(Key::TrFullWaitlist)}</span> }.into_any()
    } else {
        view! { <span class="places">{trf(Key::TrFreePlaces, vec![("free", free.to_string())])}</span> }.into_any()
    }
}

/// One session found: the course, where, when, places; the whole card opens it.
#[component]
pub fn SessionCard(session: SessionSearchItem) -> impl IntoView {
    let href = format!("/training/{}", session.session_id);
    let when = when_line(session.start_date.to_string(), session.end_date.to_string(), session.days.clone(), session.period);
    let distance = session.distance_km.map(|km| trf(Key::TrKmAway, vec![("km", crate::format::km(km))]));
    view! {
        <article class="card posting-card session-card" id=format!("session-{}", session.session_id)>
            <h2><a href=href>{session.title}</a></h2>
            <p class="employer">{session.provider}</p>
            <p class="facts">{session.region_name}" "{distance}" · "{when}</p>
            <p class="status-line">{places_line(session.free_places)}</p>
        </article>
    }
}
