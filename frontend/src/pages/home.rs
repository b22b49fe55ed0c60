//! The "who am I" page: the logged-in user's name, role and region, and logout.

use doorstep_shared::api::MeResponse;
use leptos::prelude::*;

use crate::components::{not_registered, ErrorView, NavTiles};
use crate::i18n::{role_key, tr, Key};
use crate::state::use_session;

/// Greets the logged-in user and offers logout.
#[component]
pub fn HomePage(
    /// The user, as `/me` or the login answer described them.
    user: MeResponse,
) -> impl IntoView {
    let logout = use_session().logout;
    let pending = logout.pending();
    let error = move || match logout.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error/> }),
        _ => None,
    };

    let role = user.role;
    let seeker = role == doorstep_shared::api::Role::Seeker;
    let profile = match (seeker, user.person_id) {
        (false, _) => None,
        (true, None) => Some(not_registered()),
        (true, Some(_)) => Some(view! { <p><a class="button secondary" href="/profile" id="profile-link">{tr(Key::ProfileTitle)}</a></p> }.into_any()),
    };
    let region = user.region.map(|region| {
        view! {
            <dt>{tr(Key::RegionLabel)}</dt>
            <dd id="region">{region.name}</dd>
        }
    });

    let producer = user.producer_id.is_some();
    view! {
        <NavTiles role producer/>
        <section class="card">
            <h1 id="whoami">{tr(Key::Hello)}{user.display_name}</h1>
            <dl>
                <dt>{tr(Key::RoleLabel)}</dt>
                <dd id="role">{tr(role_key(role))}</dd>
                {region}
            </dl>
            {profile}
            {error}
            <button id="logout-button" type="button" class="secondary" disabled=move || pending.get()
                on:click=move |_| { logout.dispatch_local(()); }>
                {tr(Key::LogoutButton)}
            </button>
        </section>
    }
}
