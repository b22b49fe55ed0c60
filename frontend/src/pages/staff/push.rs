//! "推送岗位 / Push jobs": staff start the push for their jurisdiction, watch
//! its progress bar (the job is polled every second while it runs, also after
//! coming back to the page) and read what it did; recent pushes below.

use std::time::Duration;

use doorstep_shared::api::{PushJob, PushRequest, PushState};
use leptos::prelude::*;

use crate::api::{self, ApiError, PUSH_JOBS_PER_PAGE};
use crate::components::{empty, last_failure, section, Async, ErrorView, FieldError, Paged};
use crate::format::{day_of, parse_u32};
use crate::i18n::{tr, trf, Key};

/// How often a running job is asked for its progress.
const POLL: Duration = Duration::from_secs(1);

/// The start form, the followed job's progress, and the recent pushes.
#[component]
pub fn PushPage() -> impl IntoView {
    let top_k = RwSignal::new("3".to_string());
    let start = Action::new_local(move |request: &PushRequest| {
        let request = request.clone();
        async move { api::start_push(&request).await }
    });
    let failure = last_failure(start);
    let pending = start.pending();
    // The job on screen: the one just started, or a running one found in the list.
    let current = RwSignal::new(None::<PushJob>);
    let poll_failure = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        if let Some(Ok(job)) = start.value().get() {
            let id = job.id;
            current.set(Some(job));
            follow(id, current, poll_failure);
        }
    });
    // The list is read again when the followed job's state changes, not at every poll.
    let state = Memo::new(move |_| current.with(|c| c.as_ref().map(|j| j.state)));
    let page = RwSignal::new(1_u32);
    let jobs = LocalResource::new(move || {
        start.version().get();
        state.get();
        let page = page.get();
        async move { api::push_jobs(page).await }
    });
    let list = move || {
        section(async move {
            jobs.await.map(|found| {
                if let Some(running) = found.items.iter().find(|j| j.state == PushState::Running) {
                    if current.get_untracked().is_none() {
                        current.set(Some(running.clone()));
                        follow(running.id, current, poll_failure);
                    }
                }
                if found.items.is_empty() {
                    return empty("push-jobs-empty", Key::PushJobsEmpty);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let rows = found.items.into_iter().map(|job| view! { <PushLine job/> }).collect_view();
                view! {
                    <Paged page=at total per_page=PUSH_JOBS_PER_PAGE on_page=move |to| page.set(to)><ul class="list plain" id="push-jobs">{rows}</ul></Paged>
                }
                .into_any()
            })
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let top_k = parse_u32(&top_k.get_untracked());
        start.dispatch_local(PushRequest { region: None, top_k });
    };
    let running = move || current.with(|c| c.as_ref().is_some_and(|j| j.state == PushState::Running));
    view! {
        <h1 class="page-title">{tr(Key::PushTitle)}</h1>
        <p class="muted">{tr(Key::PushIntro)}</p>
        <form class="card" id="push-form" on:submit=submit>
            <label for="push-top-k">{tr(Key::PushTopK)}</label>
            <input id="push-top-k" type="number" min="1" max="20" inputmode="numeric" bind:value=top_k/>
            <FieldError error=failure field="top_k" id="push-top-k-error"/>
            <button id="push-start" type="submit" disabled=move || pending.get() || running()>{tr(Key::PushStart)}</button>
            {move || failure.get().map(|error| view! { <ErrorView error id="push-error"/> })}
        </form>
        {move || current.get().map(|job| view! { <PushProgress job/> })}
        {move || poll_failure.get().map(|error| view! { <ErrorView error id="push-poll-error"/> })}
        <h2>{tr(Key::PushRecent)}</h2>
        <Async load=list/>
    }
}

/// Asks for job `id` after [`POLL`], shows it, and asks again while it runs.
/// Stops once the page is gone (its signal disposed).
fn follow(id: i64, current: RwSignal<Option<PushJob>>, failure: RwSignal<Option<ApiError>>) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                match api::push_job(id).await {
                    Ok(job) => {
                        let running = job.state == PushState::Running;
                        if current.try_set(Some(job)).is_none() && running {
                            follow(id, current, failure);
                        }
                    }
                    Err(error) => {
                        let _ = failure.try_set(Some(error));
                    }
                }
            });
        },
        POLL,
    );
}

/// The followed job: a progress bar while it runs, then what it did.
#[component]
fn PushProgress(job: PushJob) -> impl IntoView {
    let total = job.people_total.max(job.people_done);
    let counts = vec![
        ("done", job.people_done.to_string()),
        ("total", total.to_string()),
        ("items", job.summary.items.to_string()),
        ("sms", job.summary.sms_queued.to_string()),
    ];
    let (key, class) = match job.state {
        PushState::Running => (Key::PushRunningNow, "notice"),
        PushState::Finished => (Key::PushFinished, "success"),
        PushState::Failed => (Key::PushFailed, "error"),
    };
    let result = vec![
        ("reached", job.summary.people_reached.to_string()),
        ("people", job.summary.people.to_string()),
        ("items", job.summary.items.to_string()),
        ("sms", job.summary.sms_queued.to_string()),
        ("already", job.summary.already_pushed.to_string()),
    ];
    view! {
        <section class="card" id="push-progress" aria-live="polite">
            <p class=class id="push-state">{trf(key, vec![("id", job.id.to_string())])}</p>
            <progress id="push-bar" max=total.max(1).to_string() value=job.people_done.to_string()></progress>
            <p id="push-counts">{trf(Key::PushCounts, counts)}</p>
            {(job.state == PushState::Finished).then(|| view! { <p id="push-result">{trf(Key::PushResult, result)}</p> })}
        </section>
    }
}

/// One recent push: when, state, people and what it sent.
#[component]
fn PushLine(job: PushJob) -> impl IntoView {
    let state = match job.state {
        PushState::Running => Key::PushStateRunning,
        PushState::Finished => Key::PushStateFinished,
        PushState::Failed => Key::PushStateFailed,
    };
    let counts = vec![
        ("done", job.people_done.to_string()),
        ("total", job.people_total.max(job.people_done).to_string()),
        ("items", job.summary.items.to_string()),
        ("sms", job.summary.sms_queued.to_string()),
    ];
    // How its SMS fared: the worker drains them after the push.
    let id = job.id;
    let tally = LocalResource::new(move || api::push_sms_tally(id));
    let delivery = move || {
        section(async move {
            tally.await.map(|t| {
                let counts = [("sent", t.sent), ("queued", t.queued + t.sending), ("held", t.held), ("failed", t.failed), ("skipped", t.skipped)];
                view! { <p class="muted" id=format!("push-sms-{id}")>{trf(Key::PushSmsTally, counts.map(|(k, n)| (k, n.to_string())).to_vec())}</p> }.into_any()
            })
        })
    };
    view! {
        <li class="card push-job" id=format!("push-job-{}", job.id)>
            <p><strong>{format!("#{}", job.id)}</strong>" · "{tr(state)}" · "{day_of(job.started_at)}</p>
            <p class="muted">{trf(Key::PushCounts, counts)}</p>
            <Async load=delivery/>
        </li>
    }
}
