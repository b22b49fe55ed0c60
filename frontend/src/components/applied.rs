//! What the logged-in seeker has applied to, so job cards and the posting
//! page say so (and with what status) instead of offering to apply again.
//! Reading the applications is in a module of its own (`#[lazy]`), fetched
//! only for a seeker, so a visitor's first load does not carry it.

use std::collections::HashMap;

use doorstep_shared::api::{ApplicationStatus, MeResponse, Role};
use leptos::lazy;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::components::ApplicationStatusBadge;
use crate::i18n::{tr, Key};
use crate::state::use_session;

/// The newest application's status per posting; withdrawn ones are left out.
pub type Applied = HashMap<i64, ApplicationStatus>;

/// Starts loading the seeker's applications once the session says the user
/// is a registered seeker (nothing for anyone else), and again when the
/// session changes. A failure only costs the marks, so it counts as "none".
pub fn my_applied() -> RwSignal<Applied> {
    let session = use_session();
    let applied = RwSignal::new(Applied::new());
    Effect::new(move || {
        if !registered_seeker(session.user()) {
            applied.set(Applied::new());
            return;
        }
        spawn_local(async move {
            let found = seeker_applications().await;
            // Kept only if a seeker is still logged in; `try_set` does nothing once the page is gone.
            if registered_seeker(session.me.get_untracked().and_then(Result::ok).flatten()) {
                applied.try_set(found);
            }
        });
    });
    applied
}

fn registered_seeker(user: Option<MeResponse>) -> bool {
    user.is_some_and(|u| u.role == Role::Seeker && u.person_id.is_some())
}

/// The newest status per posting of the seeker's applications (up to 100, newest first).
#[lazy]
async fn seeker_applications() -> Applied {
    let mut applied = Applied::new();
    let items = api::list_applications(None, 1, 100).await.map(|page| page.items).unwrap_or_default();
    // Newest first: the first one seen per posting is the current one.
    for application in items {
        applied.entry(application.posting_id).or_insert(application.status);
    }
    applied.retain(|_, status| *status != ApplicationStatus::Withdrawn);
    applied
}

/// Where the seeker's application to posting `id` stands, as the
/// applications arrive: a list need not wait for them, and a list shown
/// before the session was known gains its marks when they come.
pub fn applied_to(applied: RwSignal<Applied>, id: i64) -> Signal<Option<ApplicationStatus>> {
    Signal::derive(move || applied.with(|a| a.get(&id).copied()))
}

/// "已申请 · status" on a card.
#[component]
pub fn AppliedMark(
    /// The posting.
    id: i64,
    /// Where the seeker's application stands.
    status: ApplicationStatus,
) -> impl IntoView {
    view! {
        <p class="applied" id=format!("applied-{id}")>
            {tr(Key::AppliedMark)}" "<ApplicationStatusBadge status/>
        </p>
    }
}
