//! Find a registered person by part of a name or a phone number, as staff
//! type; each line tells namesakes apart. Used to refer a person to a
//! posting and to enrol one in a training session.

use doorstep_shared::api::PersonResponse;
use leptos::prelude::*;

use super::{empty, section, Async, TypedQuery};
use crate::api;
use crate::i18n::{tr, trf, Key};

/// "Showing 10 of 216; type more to narrow" under a picker that holds back the rest.
pub fn showing(id: &'static str, shown: usize, total: u64) -> Option<impl IntoView> {
    (total > shown as u64).then(|| {
        let line = trf(Key::ShowingOf, vec![("shown", shown.to_string()), ("total", total.to_string())]);
        view! { <p class="muted" id=id>{line}</p> }
    })
}

/// People found by part of a name or a phone number, as staff type; each
/// line tells namesakes apart by birth year, village and ID tail.
#[component]
pub fn PersonPicker(
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
        section(async move {
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
