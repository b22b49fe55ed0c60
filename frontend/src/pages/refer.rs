//! "推荐 / Refer": staff find a registered person by part of a name or a
//! phone number, pick an open posting in their jurisdiction by part of its
//! title, and refer the person to it. Both pickers ask the server as staff
//! type, so every person and posting is reachable however many there are.

use doorstep_shared::api::{ApplicationRequest, PersonResponse, PostingPage, PostingStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::{self, ApiError};
use crate::components::{empty, Async, ErrorView, TypedQuery};
use crate::i18n::{tr, trf, Key};

/// Search, choose person and posting, refer.
#[component]
pub fn ReferPage() -> impl IntoView {
    let query = use_query_map();
    let preset = query.get_untracked().get("posting").and_then(|p| p.parse::<i64>().ok());
    let chosen = RwSignal::new(None::<PersonResponse>);
    let posting = RwSignal::new(preset.map(|id| id.to_string()).unwrap_or_default());
    let refer = Action::new_local(|request: &ApplicationRequest| {
        let request = request.clone();
        async move { api::apply(&request).await.map(|_| ()) }
    });
    let pending = refer.pending();
    let on_refer = move |_| {
        let (Some(person), Ok(posting_id)) = (chosen.get_untracked(), posting.get_untracked().parse::<i64>()) else {
            return;
        };
        refer.dispatch_local(ApplicationRequest { posting_id, person_id: Some(person.id), note: None });
    };
    let result = move || {
        Some(match refer.value().get()? {
            Ok(()) => view! { <p id="refer-result" class="success" role="status">{tr(Key::ReferDone)}</p> }.into_any(),
            Err(error) => view! { <ErrorView error id="refer-result"/> }.into_any(),
        })
    };
    let chosen_line = move || {
        chosen.get().map(|person| {
            view! { <p id="chosen-person" class="chosen">{tr(Key::Chosen)}<strong>{person.name.clone()}</strong></p> }
        })
    };
    let on_pick = Callback::new(move |person: PersonResponse| {
        chosen.set(Some(person));
        refer.clear();
    });

    view! {
        <section class="card">
            <h1>{tr(Key::ReferTitle)}</h1>
            <PersonPicker on_pick/>
            {chosen_line}
            <PostingPicker posting preset/>
            {result}
            <button id="refer-submit" type="button" class="wide"
                disabled=move || pending.get() || chosen.get().is_none() || posting.get().is_empty()
                on:click=on_refer>
                {tr(Key::ReferSubmit)}
            </button>
        </section>
    }
}

/// "Showing 10 of 216; type more to narrow" under a picker that holds back the rest.
fn showing(id: &'static str, shown: usize, total: u64) -> Option<impl IntoView> {
    (total > shown as u64).then(|| {
        let line = trf(Key::ShowingOf, vec![("shown", shown.to_string()), ("total", total.to_string())]);
        view! { <p class="muted" id=id>{line}</p> }
    })
}

/// People found by part of a name or a phone number, as staff type; each
/// line tells namesakes apart by birth year, village and ID tail.
#[component]
fn PersonPicker(
    /// Called with the person tapped.
    on_pick: Callback<PersonResponse>,
) -> impl IntoView {
    let typed = TypedQuery::new();
    let people = LocalResource::new(move || {
        let q = typed.settled.get();
        async move {
            if q.trim().is_empty() {
                Ok(None)
            } else {
                api::search_people(&q).await.map(Some)
            }
        }
    });
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        typed.settle_now();
    };
    let list = move || {
        Suspend::new(async move {
            people.await.map(|page| {
                let Some(page) = page else {
                    return ().into_any();
                };
                if page.items.is_empty() {
                    return empty("people-empty", Key::NobodyFound);
                }
                let more = showing("people-count", page.items.len(), page.total.unsigned_abs());
                let items = page.items.into_iter().map(|person| view! { <PersonLine person on_pick/> }).collect_view();
                view! { {more} <ul class="plain people" id="people-results">{items}</ul> }.into_any()
            })
        })
    };
    view! {
        <form id="people-form" on:submit=on_search role="search">
            <label for="people-q">{tr(Key::PeopleSearch)}</label>
            <div class="inline">
                <input id="people-q" type="search" autocomplete="off" prop:value=typed.text
                    on:input=move |ev| typed.input(event_target_value(&ev))/>
                <button id="people-search" type="submit">{tr(Key::Find)}</button>
            </div>
        </form>
        <Async load=list/>
    }
}

/// One person found, with what tells namesakes apart, and a button to choose them.
#[component]
fn PersonLine(person: PersonResponse, on_pick: Callback<PersonResponse>) -> impl IntoView {
    let id = person.id;
    let tail: String = person.id_number_masked.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    let facts =
        trf(Key::PersonFacts, vec![("year", person.birth_year.to_string()), ("village", person.home_region_name.clone()), ("tail", format!("****{tail}"))]);
    let name = person.name.clone();
    view! {
        <li class="person" id=format!("person-{id}")>
            <div><strong>{name}</strong><br/><span class="muted person-facts">{facts}</span></div>
            <button id=format!("pick-person-{id}") type="button" class="secondary"
                on:click=move |_| on_pick.run(person.clone())>
                {tr(Key::Choose)}
            </button>
        </li>
    }
}

/// Open postings in the jurisdiction whose title holds what staff typed;
/// the posting the page was opened for (`?posting=`) stays on offer.
#[component]
fn PostingPicker(
    /// The chosen posting's id, empty when none.
    posting: RwSignal<String>,
    /// The posting the page was opened for.
    preset: Option<i64>,
) -> impl IntoView {
    let typed = TypedQuery::new();
    let postings = LocalResource::new(move || {
        let title = typed.settled.get();
        async move { open_postings(&title, preset).await }
    });
    let select = move || {
        Suspend::new(async move {
            postings.await.map(|page| {
                if page.items.is_empty() {
                    return empty("refer-no-postings", Key::NoOpenPostings);
                }
                let more = showing("postings-count", page.items.len(), page.total);
                let options = page
                    .items
                    .into_iter()
                    .map(|p| {
                        let value = p.id.to_string();
                        let selected = value.clone();
                        view! {
                            <option value=value prop:selected=move || posting.get() == selected>
                                {format!("{} · {}", p.title, p.employer_name)}
                            </option>
                        }
                    })
                    .collect_view();
                view! {
                    {more}
                    <select id="refer-posting" on:change=move |ev| posting.set(event_target_value(&ev))>
                        <option value="">{tr(Key::PickPosting)}</option>
                        {options}
                    </select>
                }
                .into_any()
            })
        })
    };
    view! {
        <label for="refer-posting-q">{tr(Key::ChoosePosting)}</label>
        <input id="refer-posting-q" type="search" autocomplete="off" placeholder=tr(Key::PostingTitleSearch)
            prop:value=typed.text on:input=move |ev| typed.input(event_target_value(&ev))/>
        <Async load=select/>
    }
}

/// The first page of open postings whose title holds `title`, with the
/// preset posting added when the search is empty and did not bring it.
async fn open_postings(title: &str, preset: Option<i64>) -> Result<PostingPage, ApiError> {
    let mut page = api::managed_postings(Some(PostingStatus::Open), title, 1).await?;
    if let Some(id) = preset.filter(|_| title.trim().is_empty()) {
        if !page.items.iter().any(|p| p.id == id) {
            if let Ok(extra) = api::get_posting(id).await {
                page.items.insert(0, extra);
            }
        }
    }
    Ok(page)
}
