//! "就业登记 / Placements": hires in the staff member's jurisdiction, with
//! retention follow-ups at 1, 3 and 6 months. The form offers only the months
//! not recorded yet; one whose months have not passed shows when it is due.

use doorstep_shared::api::{FollowUpRequest, FollowUpResponse, PlacementKind, PlacementResponse};
use doorstep_shared::types::Day;
use leptos::prelude::*;

use crate::api::{self, ApiError, PLACEMENTS_PER_PAGE};
use crate::components::{empty, last_failure, section, Async, ErrorView, FieldError, Paged};
use crate::format::{day_from_today, parse_u32};
use crate::i18n::{tr, trf, Key};

/// Records a follow-up: (placement id, what was found).
pub(super) type Record = Action<(i64, FollowUpRequest), Result<(), ApiError>>;

/// The months staff check in after a start.
const MONTHS: [u8; 3] = [1, 3, 6];

/// The action recording a follow-up, and what it answered (saved, or the
/// refusal) as a view: the open form (`open`) closes once its follow-up is
/// saved, and stays open to show a refusal. Shared with the worklist.
pub(super) fn follow_up_recorder(open: RwSignal<Option<i64>>) -> (Record, impl Fn() -> Option<AnyView> + Copy + Send + Sync + 'static) {
    let record: Record = Action::new_local(|(id, request): &(i64, FollowUpRequest)| {
        let (id, request) = (*id, request.clone());
        async move { api::add_follow_up(id, &request).await }
    });
    Effect::new(move |_| {
        if matches!(record.value().get(), Some(Ok(()))) {
            open.set(None);
        }
    });
    let result = move || {
        Some(match record.value().get()? {
            Ok(()) => view! { <p id="fu-result" class="success" role="status">{tr(Key::Saved)}</p> }.into_any(),
            Err(error) => view! { <ErrorView error id="fu-result"/> }.into_any(),
        })
    };
    (record, result)
}

/// Lists placements, each with its follow-ups and a form for the next one.
#[component]
pub fn PlacementsPage() -> impl IntoView {
    // Which placement's form is open; one at a time keeps the page short.
    let open = RwSignal::new(None::<i64>);
    let (record, result) = follow_up_recorder(open);
    let page = RwSignal::new(1_u32);
    let placements = LocalResource::new(move || {
        record.version().get();
        let page = page.get();
        async move { api::list_placements(page).await }
    });
    let list = move || {
        section(async move {
            placements.await.map(|found| {
                if found.items.is_empty() {
                    return empty("placements-empty", Key::PlacementsEmpty);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let cards = found.items.into_iter().map(|placement| view! { <Placement placement record open/> }).collect_view();
                view! {
                    <Paged page=at total per_page=PLACEMENTS_PER_PAGE on_page=move |to| page.set(to)><div class="list" id="placements">{cards}</div></Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::PlacementsTitle)}</h1>
        {result}
        <Async load=list/>
    }
}

/// One placement with its follow-ups.
#[component]
fn Placement(placement: PlacementResponse, record: Record, open: RwSignal<Option<i64>>) -> impl IntoView {
    let id = placement.id;
    let kind = placement.kind;
    let wage = placement.monthly_wage;
    let start = placement.start_date;
    let left: Vec<u8> = MONTHS.into_iter().filter(|m| placement.follow_ups.iter().all(|f| f.month != *m)).collect();
    let complete = left.is_empty();
    let follow_ups = placement.follow_ups.into_iter().map(|f| view! { <FollowUpLine follow_up=f/> }).collect_view();
    view! {
        <article class="card placement" id=format!("placement-{id}")>
            <h2>{placement.person_name}</h2>
            <p>{placement.posting_title}" · "{placement.employer_name}</p>
            <p class="status-line">
                <span class="tag">{tr(placement_kind_key(kind))}</span>
                <span>{tr(Key::StartedOn)}" "{placement.start_date.to_string()}</span>
                <span>{trf(Key::WagePerMonth, vec![("wage", wage.to_string())])}</span>
            </p>
            <h3>{tr(Key::FollowUps)}</h3>
            <ul class="plain follow-ups">{follow_ups}</ul>
            <Show
                when=move || open.get() == Some(id)
                fallback=move || {
                    if complete {
                        return view! { <p class="muted" id=format!("follow-ups-done-{id}")>{tr(Key::FollowUpsDone)}</p> }.into_any();
                    }
                    view! {
                        <button id=format!("follow-up-{id}") type="button" class="secondary wide"
                            on:click=move |_| { record.clear(); open.set(Some(id)); }>
                            {tr(Key::AddFollowUp)}
                        </button>
                    }
                    .into_any()
                }
            >
                <FollowUpForm id wage start left=left.clone() record open/>
            </Show>
        </article>
    }
}

/// One recorded follow-up.
#[component]
fn FollowUpLine(follow_up: FollowUpResponse) -> impl IntoView {
    let month = follow_up.month;
    let employed = follow_up.still_employed;
    let wage = follow_up.monthly_wage.map(|w| format!(" · {w}"));
    let note = follow_up.note.map(|n| format!(" · {n}"));
    view! {
        <li class="follow-up">
            {trf(Key::MonthN, vec![("month", month.to_string())])}": "
            {tr(if employed { Key::StillEmployed } else { Key::LeftJob })}
            {wage}{note}
        </li>
    }
}

/// Month (of those `left`), still employed, wage and note.
#[component]
pub(super) fn FollowUpForm(id: i64, wage: u32, start: Day, left: Vec<u8>, record: Record, open: RwSignal<Option<i64>>) -> impl IntoView {
    let today = Day::parse(&day_from_today(0)).ok();
    let due = move |m: u8| start.plus_months(u32::from(m));
    let is_due = move |m: u8| today.is_some_and(|t| t >= due(m));
    let first = left.iter().copied().find(|m| is_due(*m)).or(left.first().copied()).unwrap_or(1);
    let month = RwSignal::new(first.to_string());
    let employed = RwSignal::new("yes".to_string());
    let current_wage = RwSignal::new(wage.to_string());
    let note = RwSignal::new(String::new());
    let pending = record.pending();
    let failure = last_failure(record);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let still_employed = employed.get_untracked() == "yes";
        let note = note.get_untracked().trim().to_string();
        record.dispatch_local((
            id,
            FollowUpRequest {
                month: month.get_untracked().parse().unwrap_or(1),
                still_employed,
                monthly_wage: if still_employed { parse_u32(&current_wage.get_untracked()) } else { None },
                note: (!note.is_empty()).then_some(note),
            },
        ));
    };
    let month_options = left
        .into_iter()
        .map(|m| {
            let label = if is_due(m) {
                trf(Key::MonthN, vec![("month", m.to_string())])
            } else {
                trf(Key::MonthDueOn, vec![("month", m.to_string()), ("day", due(m).to_string())])
            };
            view! {
                <option value=m.to_string() disabled=!is_due(m) prop:selected=move || month.get() == m.to_string()>
                    {label}
                </option>
            }
        })
        .collect_view();
    view! {
        <form id="fu-form" class="inset" on:submit=on_submit>
            <label for="fu-month">{tr(Key::MonthLabel)}</label>
            <select id="fu-month" on:change=move |ev| month.set(event_target_value(&ev))>{month_options}</select>
            <FieldError error=failure field="month" id="fu-month-error"/>
            <label for="fu-employed">{tr(Key::StillEmployed)}</label>
            <select id="fu-employed" on:change=move |ev| employed.set(event_target_value(&ev))>
                <option value="yes">{tr(Key::StillEmployed)}</option>
                <option value="no">{tr(Key::LeftJob)}</option>
            </select>
            <label for="fu-wage">{tr(Key::HireWage)}</label>
            <input id="fu-wage" type="number" inputmode="numeric" min="0" step="100" bind:value=current_wage/>
            <label for="fu-note">{tr(Key::NoteLabel)}</label>
            <textarea id="fu-note" rows="2" bind:value=note></textarea>
            <div class="actions">
                <button id="fu-submit" type="submit" disabled=move || pending.get()>{tr(Key::Save)}</button>
                <button id="fu-cancel" type="button" class="secondary" on:click=move |_| open.set(None)>
                    {tr(Key::Cancel)}
                </button>
            </div>
        </form>
    }
}

/// Returns the key naming a placement kind.
pub(super) fn placement_kind_key(kind: PlacementKind) -> Key {
    match kind {
        PlacementKind::Nearby => Key::KindNearby,
        PlacementKind::Transfer => Key::KindTransfer,
    }
}
