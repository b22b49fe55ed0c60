//! "推荐 / Refer": staff find a registered person by part of a name or a
//! phone number, pick an open posting in their jurisdiction by part of its
//! title, and refer the person to it. Both pickers ask the server as staff
//! type, so every person and posting is reachable however many there are.

use doorstep_shared::api::{ApplicationRequest, PersonResponse, PostingPage, PostingStatus};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{empty, section, showing, Async, ErrorView, PersonPicker, TypedQuery};
use crate::i18n::{tr, Key};
use crate::location::use_query;

/// Search, choose person and posting, refer.
#[component]
pub fn ReferPage() -> impl IntoView {
    let query = use_query();
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
        section(async move {
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
