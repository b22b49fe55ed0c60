//! "审核 / Review queue": staff approve pending postings in their jurisdiction,
//! or reject them with a reason (fake jobs target the poor).

use doorstep_shared::api::{PostingResponse, PostingStatus};
use leptos::prelude::*;

use crate::api::{self, ApiError, MANAGED_PER_PAGE};
use crate::components::{empty, Async, ErrorView, Paged, PostingCard};
use crate::i18n::{tr, Key};

/// A review decision: (posting id, `None` to approve or the rejection reason).
type Decide = Action<(i64, Option<String>), Result<(), ApiError>>;

/// Lists pending postings, each with approve and reject.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let decide: Decide = Action::new_local(|(id, reason): &(i64, Option<String>)| {
        let (id, reason) = (*id, reason.clone());
        async move {
            match reason {
                None => api::approve_posting(id).await.map(|_| ()),
                Some(reason) => api::reject_posting(id, reason).await.map(|_| ()),
            }
        }
    });
    let page = RwSignal::new(1_u32);
    let queue = LocalResource::new(move || {
        decide.version().get();
        let page = page.get();
        async move { api::managed_postings(Some(PostingStatus::Pending), "", page).await }
    });
    let decide_error = move || match decide.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error id="review-error"/> }),
        _ => None,
    };
    let list = move || {
        Suspend::new(async move {
            queue.await.map(|found| {
                if found.items.is_empty() {
                    return empty("review-empty", Key::ReviewEmpty);
                }
                let (total, at) = (found.total, found.page);
                let cards = found
                    .items
                    .into_iter()
                    .map(|posting| view! { <Pending posting decide/> })
                    .collect_view();
                view! {
                    <Paged page=at total per_page=MANAGED_PER_PAGE on_page=move |to| page.set(to)><div class="list" id="review-queue">{cards}</div></Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::ReviewTitle)}</h1>
        {decide_error}
        <Async load=list/>
    }
}

/// One pending posting in full, with the two decisions.
#[component]
fn Pending(posting: PostingResponse, decide: Decide) -> impl IntoView {
    let id = posting.id;
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let pending = decide.pending();
    let reject_form = move || {
        rejecting.get().then(|| {
            view! {
                <label for=format!("reject-reason-{id}")>{tr(Key::RejectReason)}</label>
                <textarea id=format!("reject-reason-{id}") rows="2" bind:value=reason></textarea>
                <button id=format!("reject-confirm-{id}") type="button" class="danger"
                    disabled=move || pending.get() || reason.get().trim().is_empty()
                    on:click=move |_| { decide.dispatch_local((id, Some(reason.get_untracked().trim().to_string()))); }>
                    {tr(Key::RejectConfirm)}
                </button>
            }
        })
    };
    view! {
        <PostingCard posting manage=true detailed=true>
            <div class="actions">
                <button id=format!("approve-{id}") type="button" disabled=move || pending.get()
                    on:click=move |_| { decide.dispatch_local((id, None)); }>
                    {tr(Key::Approve)}
                </button>
                <button id=format!("reject-{id}") type="button" class="secondary"
                    on:click=move |_| rejecting.update(|open| *open = !*open)>
                    {tr(Key::Reject)}
                </button>
            </div>
            {reject_form}
        </PostingCard>
    }
}
