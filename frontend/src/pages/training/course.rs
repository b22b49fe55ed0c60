//! "课程 / A course" for staff: change it, publish or archive it, its
//! sessions (each opening its roster), and the form for a new session.

use doorstep_shared::api::{Course, CourseRequest, CourseSession, CourseStatus, CourseUpdate, Period, SessionRequest, Weekday};
use leptos::prelude::*;

use super::course_form::CourseForm;
use super::words::{course_badge, period_key, session_badge, weekday_key, when_line};
use crate::api::{self, ApiError, TRAINING_PER_PAGE};
use crate::components::{empty, last_failure, section, Async, ErrorView, FieldError, Paged, RegionPicker};
use crate::format::{day_from_today, parse_u32};
use crate::i18n::{tr, Key};

/// Loads the course, then its page; a change reloads it.
#[component]
pub fn CoursePage(
    /// The course's id, from the path.
    id: i64,
) -> impl IntoView {
    let course = LocalResource::new(move || api::get_course(id));
    let reload = Callback::new(move |()| course.refetch());
    let load = move || section(async move { course.await.map(|course| view! { <CourseDetails course reload/> }.into_any()) });
    view! { <Async load/> }
}

/// The course's status and moves, the edit form, its sessions and a new session.
#[component]
fn CourseDetails(course: Course, reload: Callback<()>) -> impl IntoView {
    let id = course.id;
    let save = Action::new_local(move |request: &CourseRequest| {
        let update = as_update(request.clone());
        async move {
            api::update_course(id, &update).await?;
            reload.run(());
            Ok(())
        }
    });
    let publish = Action::new_local(move |publish: &bool| {
        let publish = *publish;
        async move {
            if publish {
                api::publish_course(id).await?;
            } else {
                api::archive_course(id).await?;
            }
            reload.run(());
            Ok::<(), ApiError>(())
        }
    });
    let moved = move || match publish.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error id="course-move-error"/> }),
        _ => None,
    };
    let moves = match course.status {
        CourseStatus::Draft => Some((true, Key::TrPublish)),
        CourseStatus::Published => Some((false, Key::TrArchive)),
        CourseStatus::Archived => None,
    }
    .map(|(to_publish, key)| {
        let button_id = if to_publish { "course-publish" } else { "course-archive" };
        view! {
            <button id=button_id type="button" class=if to_publish { "" } else { "secondary" } disabled=move || publish.pending().get()
                on:click=move |_| { publish.dispatch_local(to_publish); }>
                {tr(key)}
            </button>
        }
    });
    let title = course.title.clone();
    let status = course.status;
    // Counts sessions added here, so the list shows a new one at once.
    let added = RwSignal::new(0_u32);
    view! {
        <section class="card">
            <h1 id="course-heading">{title}</h1>
            <p id="course-status">{course_badge(status)}</p>
            <div class="actions">{moves}</div>
            {moved}
            <details id="edit-course">
                <summary>{tr(Key::TrEditCourse)}</summary>
                <CourseForm current=Some(course) save button=Key::Save/>
            </details>
        </section>
        <Sessions course_id=id added/>
        <NewSession course_id=id added/>
    }
}

/// Every field of the form, as a change.
fn as_update(request: CourseRequest) -> CourseUpdate {
    CourseUpdate {
        title: Some(request.title),
        provider: Some(request.provider),
        provider_kind: Some(request.provider_kind),
        description: Some(request.description),
        region_code: Some(request.region_code),
        skills: Some(request.skills),
        hours: Some(request.hours),
        subsidy_yuan: Some(request.subsidy_yuan),
        categories: Some(request.categories),
    }
}

/// The course's sessions, each with its roster link.
#[component]
fn Sessions(course_id: i64, added: RwSignal<u32>) -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let sessions = LocalResource::new(move || {
        let page = page.get();
        added.track();
        async move { api::course_sessions(course_id, page).await }
    });
    let list = move || {
        section(async move {
            sessions.await.map(|found| {
                if found.items.is_empty() {
                    return empty("sessions-empty", Key::TrNoSessionsYet);
                }
                let (total, at) = (found.total, found.page);
                let items = found.items.into_iter().map(|session| view! { <SessionLine session/> }).collect_view();
                view! {
                    <Paged page=at total per_page=TRAINING_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="course-sessions">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h2>{tr(Key::TrSessions)}</h2>
        <Async load=list/>
    }
}

/// One session: when, where, places taken, status; the whole card opens the roster.
#[component]
fn SessionLine(session: CourseSession) -> impl IntoView {
    let when = when_line(session.start_date.to_string(), session.end_date.to_string(), session.days.clone(), session.period);
    let taken = format!("{}/{}", session.enrolled, session.capacity);
    view! {
        <li class="card posting-card" id=format!("course-session-{}", session.id)>
            <h3><a href=format!("/training-sessions/{}/roster", session.id)>{when}</a></h3>
            <p class="facts">{session.region_name}" "{session.address}</p>
            <p class="status-line">{session_badge(session.status)}" "<span class="muted">{tr(Key::TrTaken)}" "{taken}</span></p>
        </li>
    }
}

/// A new session: dates, days, part of the day, capacity and the place.
#[component]
fn NewSession(course_id: i64, added: RwSignal<u32>) -> impl IntoView {
    let start = RwSignal::new(day_from_today(14));
    let end = RwSignal::new(day_from_today(28));
    let deadline = RwSignal::new(String::new());
    let days = RwSignal::new(vec![Weekday::Mon, Weekday::Wed, Weekday::Fri]);
    let period = RwSignal::new(Period::Daytime);
    let capacity = RwSignal::new("20".to_string());
    let region = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let create = Action::new_local(move |request: &SessionRequest| {
        let request = request.clone();
        async move {
            api::create_session(course_id, &request).await?;
            added.update(|n| *n += 1);
            Ok(())
        }
    });
    let error = last_failure(create);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let deadline = deadline.get_untracked();
        create.dispatch_local(SessionRequest {
            start_date: start.get_untracked(),
            end_date: end.get_untracked(),
            enrol_deadline: (!deadline.is_empty()).then_some(deadline),
            region_code: region.get_untracked(),
            address: address.get_untracked(),
            lat: None,
            lon: None,
            datum: Default::default(),
            capacity: parse_u32(&capacity.get_untracked()).unwrap_or_default(),
            days: days.get_untracked(),
            period: period.get_untracked(),
        });
    };
    let day_boxes = Weekday::ALL
        .iter()
        .map(|&day| {
            let toggle = move |_| {
                days.update(|chosen| {
                    if let Some(at) = chosen.iter().position(|d| *d == day) {
                        chosen.remove(at);
                    } else {
                        chosen.push(day);
                        chosen.sort();
                    }
                });
            };
            view! {
                <label class="check day">
                    <input type="checkbox" id=format!("session-day-{}", day.as_str()) prop:checked=move || days.get().contains(&day) on:change=toggle/>
                    {tr(weekday_key(day))}
                </label>
            }
        })
        .collect_view();
    let periods =
        Period::ALL.iter().map(|&p| view! { <option value=p.as_str() prop:selected=move || period.get() == p>{tr(period_key(p))}</option> }).collect_view();
    let done = move || {
        matches!(create.value().get(), Some(Ok(()))).then(|| view! { <p class="success" id="session-created" role="status">{tr(Key::TrSessionAdded)}</p> })
    };
    view! {
        <details class="card" id="new-session">
            <summary>{tr(Key::TrNewSession)}</summary>
            <form id="session-form" on:submit=on_submit>
                <div class="pair">
                    <div>
                        <label for="session-start">{tr(Key::TrStartDate)}</label>
                        <input id="session-start" type="date" bind:value=start/>
                    </div>
                    <div>
                        <label for="session-end">{tr(Key::TrEndDate)}</label>
                        <input id="session-end" type="date" bind:value=end/>
                    </div>
                </div>
                <FieldError error field="start_date" id="session-start-error"/>
                <FieldError error field="end_date" id="session-end-error"/>
                <label for="session-deadline">{tr(Key::TrDeadlineLabel)}</label>
                <input id="session-deadline" type="date" bind:value=deadline/>
                <fieldset id="session-days">
                    <legend>{tr(Key::TrDays)}</legend>
                    {day_boxes}
                </fieldset>
                <FieldError error field="days" id="session-days-error"/>
                <label for="session-period">{tr(Key::TrPeriod)}</label>
                <select id="session-period" on:change=move |ev| period.set(Period::parse(&event_target_value(&ev)).unwrap_or(Period::Daytime))>
                    {periods}
                </select>
                <label for="session-capacity">{tr(Key::TrCapacity)}</label>
                <input id="session-capacity" type="number" inputmode="numeric" min="1" bind:value=capacity/>
                <FieldError error field="capacity" id="session-capacity-error"/>
                <RegionPicker code=region id="session-region" label=Key::TrWhere required=true/>
                <FieldError error field="region_code" id="session-region-error"/>
                <label for="session-address">{tr(Key::TrAddress)}</label>
                <input id="session-address" type="text" bind:value=address/>
                {move || error.get().map(|error| view! { <ErrorView error id="session-error"/> })}
                {done}
                <button id="session-save" type="submit" class="wide" disabled=move || create.pending().get()>{tr(Key::TrAddSession)}</button>
            </form>
        </details>
    }
}
