//! "回访任务 / Follow-ups to make": the 1, 3 and 6-month retention checks
//! owed in the staff member's jurisdiction, earliest due first — to do (due
//! and overdue), done, or not yet due — each recorded from the list with the
//! placements page's form, on a phone. The dashboard's retention counts them.

use doorstep_shared::api::{FollowUpState, FollowUpTask};
use leptos::prelude::*;

use super::placements::{follow_up_recorder, placement_kind_key, FollowUpForm, Record};
use crate::api::{self, FOLLOW_UPS_PER_PAGE};
use crate::components::{empty, section, Async, Paged};
use crate::i18n::{tr, trf, Key};

/// The tabs, the list of the one chosen, and one form open at a time.
#[component]
pub fn FollowUpsPage() -> impl IntoView {
    // The open form: placement id × 10 + month, as a placement may owe two.
    let open = RwSignal::new(None::<i64>);
    let (record, result) = follow_up_recorder(open);
    let state = RwSignal::new(None::<FollowUpState>);
    let page = RwSignal::new(1_u32);
    let tasks = LocalResource::new(move || {
        record.version().get();
        let (state, page) = (state.get(), page.get());
        async move { api::follow_up_worklist(state, page).await }
    });
    let counts = RwSignal::new((0_i64, 0_i64));
    let loading = RwSignal::new(false);
    let list = move || {
        section(async move {
            tasks.await.map(|found| {
                counts.set((found.due + found.overdue, found.overdue));
                if found.items.is_empty() {
                    return empty("follow-ups-empty", Key::FuEmpty);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let cards = found.items.into_iter().map(|task| view! { <Task task record open/> }).collect_view();
                view! {
                    <Paged page=at total per_page=FOLLOW_UPS_PER_PAGE on_page=move |to| page.set(to)><div class="list" id="follow-ups">{cards}</div></Paged>
                }
                .into_any()
            })
        })
    };
    let tab = move |id: &'static str, to: Option<FollowUpState>, label: Box<dyn Fn() -> String + Send + Sync>| {
        view! {
            <a href="#" id=id aria-current=move || (state.get() == to).then_some("page")
                on:click=move |ev| { ev.prevent_default(); page.set(1); open.set(None); state.set(to); }>
                {label}
            </a>
        }
    };
    view! {
        <h1 class="page-title">{tr(Key::FuTitle)}</h1>
        <nav class="tabs" id="follow-up-tabs">
            {tab("tab-open", None, Box::new(move || trf(Key::FuOpen, vec![("count", counts.get().0.to_string())])()))}
            {tab("tab-done", Some(FollowUpState::Done), Box::new(move || tr(Key::FuDone)().to_string()))}
            {tab("tab-upcoming", Some(FollowUpState::Upcoming), Box::new(move || tr(Key::FuUpcoming)().to_string()))}
        </nav>
        <p class="muted" id="overdue-count">{move || trf(Key::FuOverdueCount, vec![("count", counts.get().1.to_string())])()}</p>
        {result}
        <div class:dimmed=loading>
            <Async load=list reloading=loading/>
        </div>
    }
}

/// One follow-up: who, which job, when it is due, and what was found or a way to record it.
#[component]
fn Task(task: FollowUpTask, record: Record, open: RwSignal<Option<i64>>) -> impl IntoView {
    let (id, month) = (task.placement_id, task.month);
    let key = id * 10 + i64::from(month);
    let state_key = match task.state {
        FollowUpState::Due => Key::FuStateDue,
        FollowUpState::Overdue => Key::FuStateOverdue,
        FollowUpState::Done => Key::FuStateDone,
        FollowUpState::Upcoming => Key::FuStateUpcoming,
    };
    let found = task.follow_up.as_ref().map(|f| {
        let wage = f.monthly_wage.map(|w| format!(" · ¥{w}"));
        view! { <p class="follow-up">{tr(if f.still_employed { Key::StillEmployed } else { Key::LeftJob })}{wage}</p> }
    });
    let can_record = matches!(task.state, FollowUpState::Due | FollowUpState::Overdue);
    let (wage, start) = (task.follow_up.as_ref().and_then(|f| f.monthly_wage).unwrap_or(0), task.start_date);
    view! {
        <article class="card" id=format!("task-{id}-{month}")>
            <h2>{task.person_name}</h2>
            <p class="muted">{task.region_name}</p>
            <p>{task.posting_title}" · "{task.employer_name}</p>
            <p class="status-line">
                <span class="tag">{tr(placement_kind_key(task.kind))}</span>
                <span class="tag" class:warning=task.state == FollowUpState::Overdue>{tr(state_key)}</span>
                <span>{trf(Key::FuDueLine, vec![("month", month.to_string()), ("day", task.due_on.to_string())])}</span>
            </p>
            {found}
            <Show when=move || can_record>
                <Show
                    when=move || open.get() == Some(key)
                    fallback=move || view! {
                        <button id=format!("record-{id}-{month}") type="button" class="secondary wide"
                            on:click=move |_| { record.clear(); open.set(Some(key)); }>
                            {tr(Key::AddFollowUp)}
                        </button>
                    }
                >
                    <FollowUpForm id wage start left=vec![month] record open/>
                </Show>
            </Show>
        </article>
    }
}
