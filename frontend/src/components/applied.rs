//! What the logged-in seeker has applied to, so job cards and the posting
//! page say so (and with what status) instead of offering to apply again.

use std::collections::HashMap;

use doorstep_shared::api::{ApplicationStatus, Role};
use leptos::prelude::*;

use crate::api;
use crate::components::ApplicationStatusBadge;
use crate::i18n::{tr, Key};
use crate::state::use_session;

/// The newest application's status per posting; withdrawn ones are left out.
pub type Applied = HashMap<i64, ApplicationStatus>;

/// Starts loading the seeker's applications at once (nothing for anyone else).
/// A failure only costs the marks, so it counts as "none".
pub fn my_applied() -> LocalResource<Applied> {
    let session = use_session();
    LocalResource::new(move || {
        let seeker = session.user().is_some_and(|u| u.role == Role::Seeker && u.person_id.is_some());
        async move {
            let mut applied = Applied::new();
            if !seeker {
                return applied;
            }
            let items = api::list_applications(None, 1, 100).await.map(|page| page.items).unwrap_or_default();
            // Newest first: the first one seen per posting is the current one.
            for application in items {
                applied.entry(application.posting_id).or_insert(application.status);
            }
            applied.retain(|_, status| *status != ApplicationStatus::Withdrawn);
            applied
        }
    })
}

/// Where the seeker's application to posting `id` stands, as the
/// applications arrive: a list need not wait for them, and a list shown
/// before the session was known gains its marks when they come.
pub fn applied_to(applied: LocalResource<Applied>, id: i64) -> Signal<Option<ApplicationStatus>> {
    Signal::derive(move || applied.read().as_ref().and_then(|a| a.get(&id).copied()))
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
