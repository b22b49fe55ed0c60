//! "我的岗位 / My postings": an employer's postings (staff: their jurisdiction's),
//! with status, hires, a way to stop recruiting, and the applicants.

use doorstep_shared::api::{PostingResponse, PostingStatus};
use leptos::prelude::*;

use crate::api::{self, ApiError, MANAGED_PER_PAGE};
use crate::components::{empty, section, Async, ErrorView, Paged, PostingCard};
use crate::i18n::{tr, use_i18n, Key};

/// Lists the postings the caller manages, newest first.
#[component]
pub fn MyPostingsPage() -> impl IntoView {
    let close = Action::new_local(|id: &i64| {
        let id = *id;
        async move { api::close_posting(id).await.map(|_| ()) }
    });
    let page = RwSignal::new(1_u32);
    let postings = LocalResource::new(move || {
        close.version().get();
        let page = page.get();
        async move { api::managed_postings(None, "", page).await }
    });
    let close_error = move || match close.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error id="close-error"/> }),
        _ => None,
    };
    let list = move || {
        section(async move {
            postings.await.map(|found| {
                if found.items.is_empty() {
                    return empty("postings-empty", Key::NoPostings);
                }
                let (total, at) = (found.total, found.page);
                let cards = found.items.into_iter().map(|posting| view! { <ManagedPosting posting close/> }).collect_view();
                view! {
                    <Paged page=at total per_page=MANAGED_PER_PAGE on_page=move |to| page.set(to)><div class="list" id="my-postings">{cards}</div></Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::MyPostingsTitle)}</h1>
        // Staff post on an employer's behalf from here (they pick it on the form).
        <p><a class="button secondary" id="post-new" href="/post">{tr(Key::NavPost)}</a></p>
        {close_error}
        <Async load=list/>
    }
}

/// One managed posting with its buttons.
#[component]
fn ManagedPosting(posting: PostingResponse, close: Action<i64, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = posting.id;
    let closable = matches!(posting.status, PostingStatus::Pending | PostingStatus::Open);
    let on_close = move |_| {
        let confirmed = window().confirm_with_message(i18n.t(Key::ConfirmClose)).unwrap_or(false);
        if confirmed {
            close.dispatch_local(id);
        }
    };
    let close_button = closable.then(|| {
        view! {
            <button id=format!("close-{id}") type="button" class="secondary" on:click=on_close>
                {tr(Key::ClosePosting)}
            </button>
        }
    });
    view! {
        <PostingCard href=format!("/manage/{id}") posting manage=true>
            <div class="actions">
                <a class="button" id=format!("manage-{id}") href=format!("/manage/{id}")>{tr(Key::SeeApplicants)}</a>
                {close_button}
            </div>
        </PostingCard>
    }
}
