//! "培训班 / A course session": what the seeker needs to decide — the course,
//! the provider, dates, days and part of the day, the place, places left, the
//! subsidy and the skills it certifies — and the way to enrol, or to join the
//! waitlist when it is full. A refusal is worded from its code beside the button.

use doorstep_shared::api::{Course, CourseSession, Enrolment, EnrolmentStatus, Role, SessionStatus};
use leptos::prelude::*;

use super::words::{places_line, provider_kind_key, session_badge, when_line};
use crate::api::{self, ApiError};
use crate::components::{not_registered, section, Async, ErrorView, SkillNames};
use crate::i18n::{tr, trf, Key};
use crate::state::use_session;

/// Loads the session and its course, then shows them.
#[component]
pub fn TrainingSessionPage(
    /// The session's id, from the path.
    id: i64,
) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        let session = api::get_session(id).await?;
        // The course adds the subsidy and the description; the page stands without them.
        let course = api::get_course(session.course_id).await.ok();
        Ok::<_, ApiError>((session, course))
    });
    let load = move || {
        section(async move {
            let (session, course) = data.await?;
            Ok(view! { <SessionDetails session course/> }.into_any())
        })
    };
    view! { <Async load/> }
}

/// The facts, then the way to enrol.
#[component]
fn SessionDetails(session: CourseSession, course: Option<Course>) -> impl IntoView {
    let when = when_line(session.start_date.to_string(), session.end_date.to_string(), session.days.clone(), session.period);
    let deadline = trf(Key::TrDeadline, vec![("day", session.enrol_deadline.to_string())]);
    let places = places_line(session.free_places);
    let (subsidy, hours, description, kind) = match &course {
        Some(c) => (
            (c.subsidy_yuan > 0).then(|| trf(Key::TrSubsidy, vec![("yuan", c.subsidy_yuan.to_string())])),
            Some(trf(Key::TrHours, vec![("hours", c.hours.to_string())])),
            Some(c.description.clone()),
            Some(tr(provider_kind_key(c.provider_kind))),
        ),
        None => (None, None, None, None),
    };
    view! {
        <section class="card" id="training-session">
            <h1 id="session-title">{session.course_title.clone()}</h1>
            <p class="employer">{session.provider.clone()}" "{kind.map(|k| view! { <span class="muted">"("{k}")"</span> })}</p>
            <p>{session_badge(session.status)}</p>
            <dl class="facts">
                <dt>{tr(Key::TrWhen)}</dt>
                <dd id="session-when">{when}</dd>
                <dt>{tr(Key::TrWhere)}</dt>
                <dd id="session-place">{session.region_name.clone()}" "{session.address.clone()}</dd>
                <dt>{tr(Key::TrPlaces)}</dt>
                <dd id="session-places">{places}</dd>
                {subsidy.map(|s| view! { <dt>{tr(Key::TrSubsidyLabel)}</dt><dd id="session-subsidy" class="wage">{s}</dd> })}
                {hours.map(|h| view! { <dt>{tr(Key::TrHoursLabel)}</dt><dd>{h}</dd> })}
                <dt>{tr(Key::TrCertifies)}</dt>
                <dd id="session-skills"><SkillNames skills=session.skill_names.clone()/></dd>
            </dl>
            <p class="muted">{deadline}</p>
            {description.filter(|d| !d.is_empty()).map(|d| view! { <p class="description">{d}</p> })}
            <EnrolBox session/>
        </section>
    }
}

/// Enrol (or join the waitlist), for a seeker; a visitor is asked to log in.
#[component]
fn EnrolBox(session: CourseSession) -> impl IntoView {
    let session_state = use_session();
    let Some(user) = session_state.user() else {
        return view! { <p><a class="button wide" id="enrol-login" href="/">{tr(Key::TrLoginToEnrol)}</a></p> }.into_any();
    };
    if user.role != Role::Seeker {
        return view! { <p><a class="button secondary" id="roster-link" href=format!("/training-sessions/{}/roster", session.id)>{tr(Key::TrRosterTitle)}</a></p> }
            .into_any();
    }
    if user.person_id.is_none() {
        return not_registered();
    }
    if !matches!(session.status, SessionStatus::Open | SessionStatus::Full) {
        return ().into_any();
    }
    let id = session.id;
    let full = session.free_places == 0;
    let enrol = Action::new_local(move |_: &()| api::enrol(id, None));
    let pending = enrol.pending();
    let result = move || {
        Some(match enrol.value().get()? {
            Ok(enrolment) => enrolled_line(&enrolment),
            Err(error) => view! { <ErrorView error id="enrol-error"/> }.into_any(),
        })
    };
    let done = move || enrol.value().get().is_some_and(|r: Result<Enrolment, ApiError>| r.is_ok());
    view! {
        <div class="actions" id="enrol-box">
            <button id="enrol-button" type="button" class="wide" disabled=move || pending.get() || done()
                on:click=move |_| { enrol.dispatch_local(()); }>
                {tr(if full { Key::TrJoinWaitlist } else { Key::TrEnrol })}
            </button>
            {result}
        </div>
    }
    .into_any()
}

/// "报名成功" or "已排队，第 2 位", with the way to the seeker's training.
fn enrolled_line(enrolment: &Enrolment) -> AnyView {
    let text = match (enrolment.status, enrolment.waitlist_position) {
        (EnrolmentStatus::Waitlisted, Some(position)) => trf(Key::TrWaitlistedAt, vec![("position", position.to_string())]),
        _ => trf(Key::TrEnrolDone, Vec::new()),
    };
    view! {
        <p class="success" id="enrol-result" role="status">
            {text}" "<a href="/my-training" id="enrol-mine">{tr(Key::TrMyTitle)}</a>
        </p>
    }
    .into_any()
}
