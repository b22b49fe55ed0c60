//! "审核 / Review queue": staff approve pending postings in their jurisdiction,
//! or reject them with a reason (fake jobs target the poor). Either decision
//! is confirmed first, and what happened is said where the posting was.

use doorstep_shared::api::{PostingResponse, PostingStatus};
use leptos::prelude::*;

use crate::api::{self, ApiError, MANAGED_PER_PAGE};
use crate::components::{empty, last_failure, section, Async, ErrorView, FieldError, Paged, PostingCard};
use crate::i18n::{tr, trf, Key};

/// A review decision: `None` to approve or the rejection reason.
type Decide = Action<Option<String>, Result<PostingResponse, ApiError>>;

/// Lists pending postings, each with approve and reject.
#[component]
pub fn ReviewPage() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let queue = LocalResource::new(move || {
        let page = page.get();
        async move { api::managed_postings(Some(PostingStatus::Pending), "", page).await }
    });
    let list = move || {
        section(async move {
            queue.await.map(|found| {
                if found.items.is_empty() {
                    return empty("review-empty", Key::ReviewEmpty);
                }
                let (total, at) = (found.total, found.page);
                let cards = found.items.into_iter().map(|posting| view! { <Pending posting/> }).collect_view();
                view! {
                    <Paged page=at total per_page=MANAGED_PER_PAGE on_page=move |to| page.set(to)><div class="list" id="review-queue">{cards}</div></Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::ReviewTitle)}</h1>
        <Async load=list/>
    }
}

/// One pending posting in full, with the two decisions; once decided, a
/// sentence saying what happened takes its place.
#[component]
fn Pending(posting: PostingResponse) -> impl IntoView {
    let id = posting.id;
    let title = posting.title.clone();
    let decide: Decide = Action::new_local(move |reason: &Option<String>| {
        let reason = reason.clone();
        async move {
            match reason {
                None => api::approve_posting(id).await,
                Some(reason) => api::reject_posting(id, reason).await,
            }
        }
    });
    let decided = move || decide.value().get().and_then(Result::ok);
    let card = move || {
        let posting = posting.clone();
        decided().is_none().then(|| view! { <PendingCard posting decide/> })
    };
    let done = move || {
        decided().map(|result| {
            let key = if result.status == PostingStatus::Open { Key::ReviewApproved } else { Key::ReviewRejected };
            view! {
                <p class="success" id=format!("review-done-{id}") role="status">
                    {trf(key, vec![("title", title.clone())])}
                </p>
            }
        })
    };
    view! { {card} {done} }
}

/// The card with "approve" (then "confirm approval") and "reject" (then a reason and "confirm rejection").
#[component]
fn PendingCard(posting: PostingResponse, decide: Decide) -> impl IntoView {
    let id = posting.id;
    let confirming = RwSignal::new(false);
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let pending = decide.pending();
    let failure = last_failure(decide);
    let confirm_approve = move || {
        confirming.get().then(|| {
            view! {
                <div class="confirm" id=format!("approve-confirm-box-{id}") role="alertdialog">
                    <p>{tr(Key::ApproveQuestion)}</p>
                    <div class="actions">
                        <button id=format!("approve-confirm-{id}") type="button" disabled=move || pending.get()
                            on:click=move |_| { decide.dispatch_local(None); }>
                            {tr(Key::ApproveConfirm)}
                        </button>
                        <button id=format!("approve-cancel-{id}") type="button" class="secondary"
                            on:click=move |_| confirming.set(false)>
                            {tr(Key::Cancel)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    let reject_form = move || {
        rejecting.get().then(|| {
            view! {
                <label for=format!("reject-reason-{id}")>{tr(Key::RejectReason)}</label>
                <textarea id=format!("reject-reason-{id}") rows="2" bind:value=reason></textarea>
                <FieldError error=failure field="reason" id="reject-reason-error"/>
                <button id=format!("reject-confirm-{id}") type="button" class="danger"
                    disabled=move || pending.get() || reason.get().trim().is_empty()
                    on:click=move |_| { decide.dispatch_local(Some(reason.get_untracked().trim().to_string())); }>
                    {tr(Key::RejectConfirm)}
                </button>
            }
        })
    };
    view! {
        <PostingCard posting manage=true detailed=true>
            <div class="actions">
                <button id=format!("approve-{id}") type="button" disabled=move || pending.get()
                    on:click=move |_| { rejecting.set(false); confirming.set(true); }>
                    {tr(Key::Approve)}
                </button>
                <button id=format!("reject-{id}") type="button" class="secondary"
                    on:click=move |_| { confirming.set(false); rejecting.update(|open| *open = !*open); }>
                    {tr(Key::Reject)}
                </button>
            </div>
            {confirm_approve}
            {reject_form}
            {move || failure.get().map(|error| view! { <ErrorView error id="review-error"/> })}
        </PostingCard>
    }
}
