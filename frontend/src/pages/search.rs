//! "找工作 / Find a job": words and a few filters, kept in the address so the
//! back button returns to the same results. The filters (with the region
//! picker) are a module of their own, fetched when "more filters" is first
//! opened or the address already holds one: most searches are words only.

use doorstep_shared::api::Schedule;
use leptos::lazy;
use leptos::prelude::*;

use crate::api::{self, PostingSearch, PER_PAGE};
use crate::components::{applied_to, empty, my_applied, section, Async, Pager, PostingCard, RegionPicker};
use crate::format::parse_u32;
use crate::i18n::{schedule_key, tr, trf, Key};
use crate::location::{use_navigate, use_query, QueryBuilder};

/// The search form and one page of results.
#[component]
pub fn JobSearchPage() -> impl IntoView {
    let query = use_query();
    let navigate = use_navigate();
    let search = Memo::new(move |_| {
        let query = query.read();
        PostingSearch {
            q: query.get("q").unwrap_or_default(),
            region: query.get("region").unwrap_or_default(),
            schedule: query.get("schedule").and_then(|s| Schedule::parse(&s)),
            min_wage: query.get("min_wage").and_then(|w| parse_u32(&w)),
            accessible: query.get("accessible").as_deref() == Some("true"),
            page: query.get("page").and_then(|p| parse_u32(&p)).unwrap_or(1).max(1),
        }
    });
    let results = LocalResource::new(move || {
        let search = search.get();
        async move { api::search_postings(&search).await }
    });
    let applied = my_applied();

    let initial = search.get_untracked();
    let filters_open = !initial.region.is_empty() || initial.schedule.is_some() || initial.min_wage.is_some() || initial.accessible;
    let q = RwSignal::new(initial.q);
    let region = RwSignal::new(initial.region);
    let schedule = RwSignal::new(initial.schedule.map(|s| s.as_str().to_string()).unwrap_or_default());
    let min_wage = RwSignal::new(initial.min_wage.map(|w| w.to_string()).unwrap_or_default());
    let accessible = RwSignal::new(initial.accessible);
    let filters_shown = RwSignal::new(filters_open);
    let filters = Filters { region, schedule, min_wage, accessible };

    // Moving to another page of the same search, or to a new search, is a new address.
    let go = move |page: u32| {
        let mut params = QueryBuilder::default();
        let mut put = |name: &'static str, value: String| {
            if !value.trim().is_empty() {
                params.insert(name, value.trim().to_string());
            }
        };
        put("q", q.get_untracked());
        put("region", region.get_untracked());
        put("schedule", schedule.get_untracked());
        put("min_wage", min_wage.get_untracked());
        put("accessible", if accessible.get_untracked() { "true".into() } else { String::new() });
        if page > 1 {
            put("page", page.to_string());
        }
        navigate(&format!("/jobs{}", params.to_query_string()));
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        go(1);
    };

    let list = move || {
        section(async move {
            results.await.map(|found| {
                if found.items.is_empty() {
                    return empty("search-empty", Key::NoResults);
                }
                let total = found.total;
                let cards = found.items.into_iter().map(|posting| view! { <PostingCard applied=applied_to(applied, posting.id) posting/> }).collect_view();
                view! {
                    <p class="muted" id="search-total">{trf(Key::TotalJobs, vec![("count", total.to_string())])}</p>
                    <div class="list" id="search-results">{cards}</div>
                    <Pager page=found.page total=found.total per_page=PER_PAGE on_page=move |page| go(page)/>
                }
                .into_any()
            })
        })
    };

    // While a new search is in flight the old results stay, dimmed, under a loading sign.
    let searching = RwSignal::new(false);
    let loading_sign = move || searching.get().then(|| view! { <p id="search-loading" class="loading-sign" role="status">{tr(Key::Searching)}</p> });

    view! {
        <section class="card">
            <h1>{tr(Key::SearchTitle)}</h1>
            <form id="search-form" on:submit=on_submit role="search">
                <label for="search-q">{tr(Key::SearchWords)}</label>
                <div class="inline">
                    <input id="search-q" type="search" enterkeyhint="search" bind:value=q/>
                    <button id="search-button" type="submit">{tr(Key::SearchButton)}</button>
                </div>
                <details id="search-filters" open=filters_open on:toggle=move |_| filters_shown.set(true)>
                    <summary>{tr(Key::MoreFilters)}</summary>
                    {move || filters_shown.get().then(|| view! { <Async load=move || section(async move { Ok(search_filters(filters).await) })/> })}
                </details>
            </form>
        </section>
        {loading_sign}
        <div id="search-answer" class:dimmed=searching aria-busy=move || searching.get().to_string()>
            <Async load=list reloading=searching/>
        </div>
    }
}

/// The filters beside the words, as the form keeps them.
#[derive(Clone, Copy)]
struct Filters {
    region: RwSignal<String>,
    schedule: RwSignal<String>,
    min_wage: RwSignal<String>,
    accessible: RwSignal<bool>,
}

/// Region, working pattern, lowest wage and accessibility, with a second search button.
#[lazy]
fn search_filters(filters: Filters) -> AnyView {
    let Filters { region, schedule, min_wage, accessible } = filters;
    let schedule_options = Schedule::ALL
        .iter()
        .map(|&s| {
            view! {
                <option value=s.as_str() prop:selected=move || schedule.get() == s.as_str()>
                    {tr(schedule_key(s))}
                </option>
            }
        })
        .collect_view();
    view! {
        <RegionPicker code=region id="search-region" label=Key::WorkRegion/>
        <label for="search-schedule">{tr(Key::ScheduleLabel)}</label>
        <select id="search-schedule" on:change=move |ev| schedule.set(event_target_value(&ev))>
            <option value="">{tr(Key::AnySchedule)}</option>
            {schedule_options}
        </select>
        <label for="search-min-wage">{tr(Key::MinWage)}</label>
        <input id="search-min-wage" type="number" inputmode="numeric" min="0" step="100" bind:value=min_wage/>
        <label class="check">
            <input id="search-accessible" type="checkbox" bind:checked=accessible/>
            {tr(Key::AccessibleOnly)}
        </label>
        <button id="search-apply" type="submit">{tr(Key::SearchButton)}</button>
    }
    .into_any()
}
