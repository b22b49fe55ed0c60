//! "优先帮扶类别 / Priority categories": which assistance categories the
//! staff member's city or county favours in matching, and how strongly
//! (1–100). A town's staff see the setting that applies to them, read-only.

use doorstep_shared::api::{AssistanceCategory, CategoryPriority, PrioritiesRequest, PrioritiesResponse};
use leptos::prelude::*;

use crate::api;
use crate::components::{last_failure, section, Async, ErrorView};
use crate::format::parse_u32;
use crate::i18n::{category_key, tr, trf, Key};
use crate::state::use_session;

/// The city the demo serves, for administrators (who have no region of their own).
const CITY: &str = "6109";

/// Loads the setting of the caller's own region.
#[component]
pub fn PrioritiesPage() -> impl IntoView {
    // Untracked: the page is rebuilt anyway when the session changes.
    let code =
        use_session().me.get_untracked().and_then(Result::ok).flatten().and_then(|user| user.region).map_or_else(|| CITY.to_string(), |region| region.code);
    let setting = LocalResource::new({
        let code = code.clone();
        move || {
            let code = code.clone();
            async move { api::region_priorities(&code).await }
        }
    });
    let load = move || section(async move { setting.await.map(|current| view! { <PrioritiesForm current/> }.into_any()) });
    view! {
        <h1 class="page-title">{tr(Key::PrioritiesTitle)}</h1>
        <p class="muted">{tr(Key::PrioritiesIntro)}</p>
        <Async load/>
        <p><a id="priorities-region-points" href="/region-points">{tr(Key::PrioritiesRegionPoints)}</a></p>
    }
}

/// One row per category: favoured or not, and its weight.
#[component]
fn PrioritiesForm(current: PrioritiesResponse) -> impl IntoView {
    // Cities have 4 digits, counties 6: only they set a list.
    let editable = matches!(current.region_code.len(), 4 | 6);
    let code = current.region_code.clone();
    // A town shows what applies to it; a city or county its own list.
    let shown = if editable { &current.priorities } else { &current.applied };
    let rows: Vec<(AssistanceCategory, RwSignal<bool>, RwSignal<String>)> = AssistanceCategory::ALL
        .iter()
        .map(|&category| {
            let own = shown.iter().find(|p| p.category == category);
            (category, RwSignal::new(own.is_some()), RwSignal::new(own.map_or(50, |p| p.weight).to_string()))
        })
        .collect();
    let applies = current.applies_from_name.clone().map(|name| {
        view! { <p id="priorities-applies">{trf(Key::PrioritiesApplyFrom, vec![("region", name)])}</p> }
    });
    let save = Action::new_local(move |(code, request): &(String, PrioritiesRequest)| {
        let (code, request) = (code.clone(), request.clone());
        async move { api::set_region_priorities(&code, &request).await.map(|_| ()) }
    });
    let failure = last_failure(save);
    let problem = RwSignal::new(false);
    let pending = save.pending();
    let chosen = rows.clone();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut priorities = Vec::new();
        for (category, on, weight) in &chosen {
            if !on.get_untracked() {
                continue;
            }
            match parse_u32(&weight.get_untracked()).filter(|w| (1..=100).contains(w)) {
                Some(weight) => priorities.push(CategoryPriority { category: *category, weight }),
                None => {
                    problem.set(true);
                    return;
                }
            }
        }
        problem.set(false);
        save.dispatch_local((code.clone(), PrioritiesRequest { priorities }));
    };
    let result = move || {
        if problem.get() {
            return Some(view! { <p class="error" id="priorities-result" role="alert">{tr(Key::PrioritiesWeightRange)}</p> }.into_any());
        }
        if let Some(error) = failure.get() {
            return Some(view! { <ErrorView error id="priorities-result"/> }.into_any());
        }
        matches!(save.value().get(), Some(Ok(()))).then(|| view! { <p class="success" id="priorities-result" role="status">{tr(Key::Saved)}</p> }.into_any())
    };
    let lines = rows
        .into_iter()
        .map(|(category, on, weight)| {
            let id = category.as_str();
            let (named, weight_word) = (tr(category_key(category)), tr(Key::PriorityWeight));
            view! {
                <li class="priority-row">
                    <label class="check">
                        <input id=format!("priority-{id}") type="checkbox" bind:checked=on disabled=!editable/>
                        {named}
                    </label>
                    <input id=format!("priority-{id}-weight") type="number" inputmode="numeric" min="1" max="100"
                        aria-label=move || format!("{} {}", named(), weight_word())
                        bind:value=weight disabled=move || !editable || !on.get()/>
                </li>
            }
        })
        .collect_view();
    let button = editable.then(|| {
        view! { <button id="priorities-save" type="submit" disabled=move || pending.get()>{tr(Key::PrioritiesSave)}</button> }
    });
    let read_only = (!editable).then(|| view! { <p class="muted" id="priorities-read-only">{tr(Key::PrioritiesReadOnly)}</p> });
    view! {
        <section class="card">
            <h2>{current.region_name}</h2>
            {applies}
            {read_only}
            <form id="priorities-form" on:submit=on_submit>
                <ul class="plain">{lines}</ul>
                {button}
            </form>
            {result}
        </section>
    }
}
