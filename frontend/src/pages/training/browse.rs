//! "技能培训 / Training": upcoming sessions near the seeker (words, county or
//! town, daytime or evening, "use my location"), and for a registered seeker
//! the sessions the matching engine suggests, each with what it would open.

use doorstep_shared::api::{Period, Role, SuggestionReach, TrainingSuggestion};
use leptos::prelude::*;

use super::words::{period_key, SessionCard};
use crate::api::{self, SessionSearch, TRAINING_PER_PAGE};
use crate::components::{empty, section, Async, MyLocation, Pager, RegionPicker};
use crate::i18n::{tr, trf, use_i18n, Key, Lang};
use crate::state::use_session;

/// The suggestions (for a registered seeker), the search form and one page of sessions.
#[component]
pub fn TrainingPage() -> impl IntoView {
    let user = use_session().user();
    let seeker = user.as_ref().is_some_and(|u| u.role == Role::Seeker);
    let linked = seeker && user.as_ref().is_some_and(|u| u.person_id.is_some());
    let mine = seeker.then(|| view! { <p><a class="button secondary" id="my-training-link" href="/my-training">{tr(Key::TrMyTitle)}</a></p> });
    view! {
        <h1 class="page-title">{tr(Key::TrTitle)}</h1>
        {mine}
        {linked.then(|| view! { <Suggestions/> })}
        <SessionSearchSection/>
    }
}

/// "Suggested for you": sessions whose certified skills would open the most postings.
#[component]
fn Suggestions() -> impl IntoView {
    let found = LocalResource::new(api::my_training_suggestions);
    let list = move || {
        section(async move {
            found.await.map(|found| {
                if found.items.is_empty() {
                    return ().into_any();
                }
                let items = found.items.into_iter().map(|suggestion| view! { <SuggestionCard suggestion/> }).collect_view();
                view! {
                    <section class="card" id="suggestions">
                        <h2>{tr(Key::TrSuggested)}</h2>
                        <ul class="plain">{items}</ul>
                    </section>
                }
                .into_any()
            })
        })
    };
    view! { <Async load=list/> }
}

/// One suggestion: the course, the reason ("学缝纫 → 附近多 12 个岗位"), an
/// example of the jobs it opens, and a link to the session.
#[component]
fn SuggestionCard(suggestion: TrainingSuggestion) -> impl IntoView {
    let i18n = use_i18n();
    let reason = suggestion.reason;
    let count = suggestion.additional_postings.to_string();
    let km = reason.commute_km.to_string();
    let skills = if reason.new_skills.is_empty() { suggestion.skills } else { reason.new_skills };
    let words = move || {
        let separator = match i18n.lang() {
            Lang::Zh => "、",
            Lang::En => ", ",
        };
        let names: Vec<&str> = skills.iter().map(|s| i18n.pick(&s.name_zh, &s.name_en)).collect();
        let key = match reason.reach {
            SuggestionReach::WithinCommute => Key::TrOpensNearby,
            SuggestionReach::Anywhere => Key::TrOpensAnywhere,
        };
        i18n.fill(key, &[("skills", names.join(separator)), ("count", count.clone()), ("km", km.clone())])
    };
    let example = suggestion.example_posting;
    let example = trf(Key::TrForExample, vec![("title", example.title), ("employer", example.employer)]);
    view! {
        <li class="suggestion" id=format!("suggestion-{}", suggestion.session_id)>
            <a href=format!("/training/{}", suggestion.session_id)><strong>{suggestion.course_title}</strong></a>
            <p class="reason">{words}</p>
            <p class="muted">{example}</p>
            <p class="muted">{suggestion.region_name}" · "{suggestion.start_date}</p>
        </li>
    }
}

/// The search form and the sessions it finds.
#[component]
fn SessionSearchSection() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let period = RwSignal::new(String::new());
    let point = RwSignal::new(None::<(f64, f64)>);
    let search = RwSignal::new(SessionSearch { page: 1, ..SessionSearch::default() });
    let results = LocalResource::new(move || {
        let search = search.get();
        async move { api::search_sessions(&search).await }
    });
    let go = move |page: u32| {
        search.set(SessionSearch {
            q: q.get_untracked(),
            region: region.get_untracked(),
            period: Period::parse(&period.get_untracked()),
            point: point.get_untracked(),
            page,
        });
    };
    // A position found is used at once: nearest first.
    Effect::new(move |before: Option<Option<(f64, f64)>>| {
        let now = point.get();
        if before.is_some_and(|before| before != now) {
            go(1);
        }
        now
    });
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        go(1);
    };
    let periods = Period::ALL
        .iter()
        .map(|&p| view! { <option value=p.as_str() prop:selected=move || period.get() == p.as_str()>{tr(period_key(p))}</option> })
        .collect_view();
    let searching = RwSignal::new(false);
    let list = move || {
        section(async move {
            results.await.map(|found| {
                if found.items.is_empty() {
                    return empty("sessions-empty", Key::TrNoSessions);
                }
                let total = trf(Key::TrTotalSessions, vec![("count", found.total.to_string())]);
                let (at, all) = (found.page, found.total);
                let cards = found.items.into_iter().map(|session| view! { <SessionCard session/> }).collect_view();
                view! {
                    <p class="muted" id="sessions-total">{total}</p>
                    <div class="list" id="sessions">{cards}</div>
                    <Pager page=at total=all per_page=TRAINING_PER_PAGE on_page=move |page| go(page)/>
                }
                .into_any()
            })
        })
    };
    view! {
        <section class="card">
            <h2>{tr(Key::TrUpcoming)}</h2>
            <form id="training-form" on:submit=on_submit role="search">
                <label for="training-q">{tr(Key::TrSearchWords)}</label>
                <div class="inline">
                    <input id="training-q" type="search" enterkeyhint="search" bind:value=q/>
                    <button id="training-search" type="submit">{tr(Key::SearchButton)}</button>
                </div>
                <details id="training-filters">
                    <summary>{tr(Key::MoreFilters)}</summary>
                    <RegionPicker code=region id="training-region" label=Key::TrWhere/>
                    <label for="training-period">{tr(Key::TrPeriod)}</label>
                    <select id="training-period" on:change=move |ev| period.set(event_target_value(&ev))>
                        <option value="">{tr(Key::TrAnyPeriod)}</option>
                        {periods}
                    </select>
                    <button id="training-apply" type="submit">{tr(Key::SearchButton)}</button>
                </details>
            </form>
            <MyLocation point id="training-location"/>
        </section>
        <div id="training-answer" class:dimmed=searching>
            <Async load=list reloading=searching/>
        </div>
    }
}
