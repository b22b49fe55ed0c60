//! "名单 / Roster" of a course session, for staff on a phone: start and
//! finish the session (or call it off with a reason), enrol a person (the
//! person picker), tick who came on a day, and mark each enrolment completed
//! (a certificate is issued) or not, with a reason. The waitlist shows in order.

use doorstep_shared::api::{AttendanceRequest, CompletionRequest, CourseSession, Enrolment, EnrolmentStatus, PersonResponse, SessionStatus};
use doorstep_shared::types::Day;
use leptos::prelude::*;

use super::words::{enrolment_badge, places_line, session_badge, when_line};
use crate::api::{self, ApiError};
use crate::components::{empty, section, Async, ErrorView, PersonPicker};
use crate::format::day_from_today;
use crate::i18n::{tr, trf, Key};

/// What changing the roster needs: the session, and a counter that reloads it.
#[derive(Clone, Copy)]
struct Roster {
    session_id: i64,
    version: RwSignal<u32>,
}

impl Roster {
    fn reload(self) {
        self.version.update(|n| *n += 1);
    }
}

/// Loads the session and its enrolments together; every change reloads both.
#[component]
pub fn RosterPage(
    /// The session's id, from the path.
    id: i64,
) -> impl IntoView {
    let session_id = id;
    let roster = Roster { session_id, version: RwSignal::new(0) };
    let data = LocalResource::new(move || {
        roster.version.track();
        async move {
            let session = api::get_session(session_id).await?;
            let enrolments = api::session_enrolments(session_id).await?;
            // Days present so far, once the session has run.
            let days_present: Vec<(i64, usize)> = if matches!(session.status, SessionStatus::Running | SessionStatus::Finished) {
                api::attendance(session_id).await?.rows.into_iter().map(|row| (row.enrolment_id, row.present.len())).collect()
            } else {
                Vec::new()
            };
            Ok::<_, ApiError>((session, enrolments.items, days_present))
        }
    });
    let load = move || {
        section(async move {
            let (session, enrolments, days_present) = data.await?;
            Ok(view! { <RosterView session enrolments days_present roster/> }.into_any())
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::TrRosterTitle)}</h1>
        <Async load/>
    }
}

/// The session, its moves, enrolling, attendance, the people holding places and the waitlist.
#[component]
fn RosterView(session: CourseSession, enrolments: Vec<Enrolment>, days_present: Vec<(i64, usize)>, roster: Roster) -> impl IntoView {
    let status = session.status;
    let when = when_line(session.start_date.to_string(), session.end_date.to_string(), session.days.clone(), session.period);
    let (mut holding, mut waiting): (Vec<Enrolment>, Vec<Enrolment>) =
        enrolments.into_iter().filter(|e| e.status != EnrolmentStatus::Cancelled).partition(|e| e.status != EnrolmentStatus::Waitlisted);
    waiting.sort_by_key(|e| e.waitlist_position.unwrap_or(i64::MAX));
    holding.sort_by_key(|e| e.id);
    let running = status == SessionStatus::Running;
    let taking = matches!(status, SessionStatus::Open | SessionStatus::Full);
    let can_complete = matches!(status, SessionStatus::Running | SessionStatus::Finished);
    // Everyone holding a place starts ticked present on the attendance day.
    let ids: Vec<i64> = holding.iter().filter(|e| e.status == EnrolmentStatus::Enrolled).map(|e| e.id).collect();
    let present = running.then(|| RwSignal::new(ids.clone()));
    let rows = if holding.is_empty() {
        empty("roster-empty", Key::TrNobodyEnrolled)
    } else {
        let days_of = |id: i64| days_present.iter().find(|(e, _)| *e == id).map(|(_, days)| *days);
        holding
            .into_iter()
            .map(|enrolment| {
                let days = days_of(enrolment.id);
                view! { <RosterRow enrolment days can_complete present roster/> }
            })
            .collect_view()
            .into_any()
    };
    let waitlist = (!waiting.is_empty()).then(|| {
        let items = waiting
            .into_iter()
            .map(|e| {
                let position = e.waitlist_position.map(|p| format!("{p}. ")).unwrap_or_default();
                view! { <li id=format!("waiting-{}", e.id)>{position}{e.person_name}</li> }
            })
            .collect_view();
        view! {
            <h2>{tr(Key::TrWaitlist)}</h2>
            <ol class="plain card" id="waitlist">{items}</ol>
        }
    });
    view! {
        <section class="card">
            <h2 id="roster-course">{session.course_title.clone()}</h2>
            <p class="facts">{when}</p>
            <p class="status-line" id="roster-status">{session_badge(status)}" "{places_line(session.free_places)}</p>
            <Lifecycle status roster/>
        </section>
        {taking.then(|| view! { <EnrolPerson roster/> })}
        {present.map(|present| view! { <Attendance ids present roster/> })}
        <h2>{tr(Key::TrEnrolledList)}</h2>
        <ul class="list plain" id="roster">{rows}</ul>
        {waitlist}
    }
}

/// Start, finish, or call off with a reason, as the session's status allows.
#[component]
fn Lifecycle(status: SessionStatus, roster: Roster) -> impl IntoView {
    let id = roster.session_id;
    let reason = RwSignal::new(String::new());
    let act = Action::new_local(move |step: &Step| {
        let step = *step;
        async move {
            match step {
                Step::Start => api::start_session(id).await?,
                Step::Finish => api::finish_session(id).await?,
                Step::Cancel => api::cancel_session(id, reason.get_untracked()).await?,
            };
            roster.reload();
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || match act.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error id="session-move-error"/> }),
        _ => None,
    };
    let pending = act.pending();
    let button = move |step: Step, id: &'static str, key: Key| {
        view! { <button id=id type="button" disabled=move || pending.get() on:click=move |_| { act.dispatch_local(step); }>{tr(key)}</button> }
    };
    let open = matches!(status, SessionStatus::Open | SessionStatus::Full);
    let live = open || status == SessionStatus::Running;
    view! {
        <div class="actions">
            {open.then(|| button(Step::Start, "session-start", Key::TrStart))}
            {(status == SessionStatus::Running).then(|| button(Step::Finish, "session-finish", Key::TrFinish))}
        </div>
        {live.then(|| view! {
            <details id="session-cancel">
                <summary>{tr(Key::TrCancelSession)}</summary>
                <label for="session-cancel-reason">{tr(Key::TrReason)}</label>
                <input id="session-cancel-reason" type="text" bind:value=reason/>
                <button id="session-cancel-confirm" type="button" class="danger" disabled=move || pending.get() || reason.get().trim().is_empty()
                    on:click=move |_| { act.dispatch_local(Step::Cancel); }>
                    {tr(Key::TrCancelSession)}
                </button>
            </details>
        })}
        {failure}
    }
}

/// A move of the session.
#[derive(Debug, Clone, Copy)]
enum Step {
    Start,
    Finish,
    Cancel,
}

/// Staff enrol a person found by name or phone.
#[component]
fn EnrolPerson(roster: Roster) -> impl IntoView {
    let enrol = Action::new_local(move |person: &PersonResponse| {
        let person_id = person.id;
        async move {
            let enrolment = api::enrol(roster.session_id, Some(person_id)).await?;
            roster.reload();
            Ok::<_, ApiError>(enrolment)
        }
    });
    let on_pick = Callback::new(move |person: PersonResponse| {
        enrol.dispatch_local(person);
    });
    let result = move || {
        Some(match enrol.value().get()? {
            Ok(_) => view! { <p class="success" id="enrol-person-result" role="status">{tr(Key::TrPersonEnrolled)}</p> }.into_any(),
            Err(error) => view! { <ErrorView error id="enrol-person-result"/> }.into_any(),
        })
    };
    view! {
        <details class="card" id="enrol-person">
            <summary>{tr(Key::TrEnrolPerson)}</summary>
            <PersonPicker on_pick/>
            {result}
        </details>
    }
}

/// One day's attendance: a tick box per person holding a place.
#[component]
fn Attendance(ids: Vec<i64>, present: RwSignal<Vec<i64>>, roster: Roster) -> impl IntoView {
    let day = RwSignal::new(day_from_today(0));
    let record = Action::new_local(move |request: &AttendanceRequest| {
        let request = request.clone();
        async move { api::record_attendance(roster.session_id, &request).await.map(|_| ()) }
    });
    let on_save = move |_| {
        let Ok(day) = Day::parse(&day.get_untracked()) else {
            return;
        };
        let present = present.get_untracked();
        let absent = ids.iter().copied().filter(|id| !present.contains(id)).collect();
        record.dispatch_local(AttendanceRequest { day, present, absent });
    };
    let result = move || {
        Some(match record.value().get()? {
            Ok(()) => {
                let line = trf(Key::TrAttendanceSaved, vec![("count", present.get_untracked().len().to_string())]);
                view! { <p class="success" id="attendance-result" role="status">{line}</p> }.into_any()
            }
            Err(error) => view! { <ErrorView error id="attendance-result"/> }.into_any(),
        })
    };
    view! {
        <section class="card" id="attendance">
            <h2>{tr(Key::TrAttendance)}</h2>
            <label for="attendance-day">{tr(Key::TrDay)}</label>
            <input id="attendance-day" type="date" bind:value=day/>
            <p class="muted">{tr(Key::TrAttendanceHint)}</p>
            {result}
            <button id="attendance-save" type="button" class="wide" disabled=move || record.pending().get() on:click=on_save>{tr(Key::TrSaveAttendance)}</button>
        </section>
    }
}

/// One person holding a place: where they stand, a tick for the day, and completion.
#[component]
fn RosterRow(
    enrolment: Enrolment,
    /// Days recorded present, once the session has run.
    days: Option<usize>,
    can_complete: bool,
    /// The enrolments ticked present, while the session runs.
    present: Option<RwSignal<Vec<i64>>>,
    roster: Roster,
) -> impl IntoView {
    let id = enrolment.id;
    let reason = RwSignal::new(String::new());
    let complete = Action::new_local(move |completed: &bool| {
        let request = CompletionRequest { completed: *completed, reason: (!*completed).then(|| reason.get_untracked()) };
        async move {
            api::record_completion(id, &request).await?;
            roster.reload();
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || match complete.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error/> }),
        _ => None,
    };
    let tick = present.filter(|_| enrolment.status == EnrolmentStatus::Enrolled).map(|present| {
        let toggle = move |_| {
            present.update(|ticked| {
                if let Some(at) = ticked.iter().position(|t| *t == id) {
                    ticked.remove(at);
                } else {
                    ticked.push(id);
                }
            })
        };
        view! {
            <label class="check">
                <input type="checkbox" id=format!("present-{id}") prop:checked=move || present.get().contains(&id) on:change=toggle/>
                {tr(Key::TrPresent)}
            </label>
        }
    });
    let pending = complete.pending();
    let completion = (can_complete && enrolment.status == EnrolmentStatus::Enrolled).then(|| {
        view! {
            <div class="actions">
                <button id=format!("complete-{id}") type="button" disabled=move || pending.get() on:click=move |_| { complete.dispatch_local(true); }>
                    {tr(Key::TrMarkCompleted)}
                </button>
            </div>
            <details id=format!("not-complete-{id}")>
                <summary>{tr(Key::TrMarkNotCompleted)}</summary>
                <label for=format!("reason-{id}")>{tr(Key::TrReason)}</label>
                <input id=format!("reason-{id}") type="text" bind:value=reason/>
                <button id=format!("not-complete-confirm-{id}") type="button" class="secondary"
                    disabled=move || pending.get() || reason.get().trim().is_empty()
                    on:click=move |_| { complete.dispatch_local(false); }>
                    {tr(Key::TrMarkNotCompleted)}
                </button>
            </details>
        }
    });
    view! {
        <li class="card roster-row" id=format!("roster-{id}") data-person=enrolment.person_id>
            <p><strong>{enrolment.person_name}</strong>" "{enrolment_badge(enrolment.status)}</p>
            {days.map(|days| view! { <p class="muted days-present">{trf(Key::TrDaysPresent, vec![("days", days.to_string())])}</p> })}
            {enrolment.note.map(|note| view! { <p class="muted">{note}</p> })}
            {tick}
            {completion}
            {failure}
        </li>
    }
}
