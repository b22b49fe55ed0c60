//! "消息 / Inbox": postings civil-affairs staff pushed to the seeker, and
//! invitations to apply from employers, with why.

use doorstep_shared::api::InboxItem;
use leptos::prelude::*;

use crate::api::{self, INBOX_PER_PAGE};
use crate::components::{empty, not_registered, section, Async, Paged, ReasonList};
use crate::format::day_of;
use crate::i18n::{tr, Key};
use crate::state::use_session;

/// Lists pushed postings, newest first.
#[component]
pub fn InboxPage() -> impl IntoView {
    let unlinked = use_session().unlinked_seeker();
    view! {
        <h1 class="page-title">{tr(Key::InboxTitle)}</h1>
        {if unlinked { not_registered() } else { view! { <InboxList/> }.into_any() }}
    }
}

/// Loads and lists them.
#[component]
fn InboxList() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let inbox = LocalResource::new(move || {
        let page = page.get();
        async move { api::inbox(page).await }
    });
    let list = move || {
        section(async move {
            inbox.await.map(|inbox| {
                if inbox.items.is_empty() {
                    return empty("inbox-empty", Key::InboxEmpty);
                }
                let (total, at) = (inbox.total.unsigned_abs(), inbox.page);
                let items = inbox.items.into_iter().map(|item| view! { <InboxEntry item/> }).collect_view();
                view! {
                    <Paged page=at total per_page=INBOX_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="inbox">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! { <Async load=list/> }
}

/// One pushed posting, or an employer's invitation with the way to apply.
#[component]
fn InboxEntry(item: InboxItem) -> impl IntoView {
    let posting = format!("/postings/{}", item.posting_id);
    let invited = item.invited.then(|| {
        view! {
            <p class="notice invited">
                {tr(Key::InvitedByEmployer)}" "
                <a class="button" href=posting.clone()>{tr(Key::ApplyButton)}</a>
            </p>
        }
    });
    view! {
        <li class="card inbox-item" id=format!("inbox-{}", item.id) data-posting=item.posting_id>
            <h2><a href=posting.clone()>{item.title}</a></h2>
            {invited}
            <p class="employer">{item.employer}" · "<span class="muted">{day_of(item.created_at)}</span></p>
            <ReasonList reasons=item.reasons/>
        </li>
    }
}
