//! "推荐 / Refer": staff find a registered person by name or phone, pick an
//! open posting in their jurisdiction, and refer the person to it.

use doorstep_shared::api::{ApplicationRequest, PersonResponse, PostingStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::components::{empty, Async, ErrorView};
use crate::i18n::{tr, Key};

/// Search, choose person and posting, refer.
#[component]
pub fn ReferPage() -> impl IntoView {
    let query = use_query_map();
    let q = RwSignal::new(String::new());
    // The name last searched; nothing is asked before the first search.
    let searched = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<PersonResponse>);
    let posting = RwSignal::new(query.get_untracked().get("posting").unwrap_or_default());
    let people = LocalResource::new(move || {
        let q = searched.get();
        async move {
            if q.trim().is_empty() {
                Ok(None)
            } else {
                api::search_people(&q).await.map(Some)
            }
        }
    });
    let postings = LocalResource::new(|| api::managed_postings(Some(PostingStatus::Open), 1));
    let refer = Action::new_local(|request: &ApplicationRequest| {
        let request = request.clone();
        async move { api::apply(&request).await.map(|_| ()) }
    });
    let pending = refer.pending();

    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        searched.set(q.get_untracked());
    };
    let on_refer = move |_| {
        let (Some(person), Ok(posting_id)) = (
            chosen.get_untracked(),
            posting.get_untracked().parse::<i64>(),
        ) else {
            return;
        };
        refer.dispatch_local(ApplicationRequest {
            posting_id,
            person_id: Some(person.id),
            note: None,
        });
    };

    let people_list = move || {
        Suspend::new(async move {
            people.await.map(|page| {
                let Some(page) = page else {
                    return ().into_any();
                };
                if page.items.is_empty() {
                    return empty("people-empty", Key::NobodyFound);
                }
                let items = page
                    .items
                    .into_iter()
                    .map(|person| {
                        let id = person.id;
                        let line = format!("{} · {} · {}", person.id_number_masked, person.phone, person.home_region_name);
                        view! {
                            <li class="person" id=format!("person-{id}")>
                                <div><strong>{person.name.clone()}</strong><br/><span class="muted">{line}</span></div>
                                <button id=format!("pick-person-{id}") type="button" class="secondary"
                                    on:click=move |_| { chosen.set(Some(person.clone())); refer.clear(); }>
                                    {tr(Key::Choose)}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="plain people" id="people-results">{items}</ul> }.into_any()
            })
        })
    };
    let posting_select = move || {
        Suspend::new(async move {
            postings.await.map(|page| {
                if page.items.is_empty() {
                    return empty("refer-no-postings", Key::NoOpenPostings);
                }
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
                    <select id="refer-posting" on:change=move |ev| posting.set(event_target_value(&ev))>
                        <option value="">{tr(Key::PickPosting)}</option>
                        {options}
                    </select>
                }
                .into_any()
            })
        })
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

    view! {
        <section class="card">
            <h1>{tr(Key::ReferTitle)}</h1>
            <form id="people-form" on:submit=on_search role="search">
                <label for="people-q">{tr(Key::PeopleSearch)}</label>
                <div class="inline">
                    <input id="people-q" type="search" bind:value=q/>
                    <button id="people-search" type="submit">{tr(Key::Find)}</button>
                </div>
            </form>
            <Async load=people_list/>
            {chosen_line}
            <label for="refer-posting">{tr(Key::ChoosePosting)}</label>
            <Async load=posting_select/>
            {result}
            <button id="refer-submit" type="button" class="wide"
                disabled=move || pending.get() || chosen.get().is_none() || posting.get().is_empty()
                on:click=on_refer>
                {tr(Key::ReferSubmit)}
            </button>
        </section>
    }
}
