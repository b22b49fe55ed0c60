//! The "who am I" page: the logged-in user's name, role and region, and logout.
//! A module of its own (`#[lazy]`): a visitor's home is the login form.

use doorstep_shared::api::{ErrorCode, MeResponse};
use leptos::lazy;
use leptos::prelude::*;

use crate::api;
use crate::components::{not_registered, ErrorView, NavTiles};
use crate::i18n::{role_key, tr, Key};
use crate::state::use_session;

/// The home page of a logged-in `user`, loading its module first (once).
#[lazy]
pub fn home_page(user: MeResponse) -> AnyView {
    view! { <HomePage user/> }.into_any()
}

/// Greets the logged-in user and offers logout.
#[component]
fn HomePage(
    /// The user, as `/me` or the login answer described them.
    user: MeResponse,
) -> impl IntoView {
    let session = use_session();
    let logout = Action::new_local(move |_: &()| async move {
        match api::logout().await {
            Ok(()) => {}
            // The session had already expired: that is what we wanted.
            Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {}
            Err(error) => return Err(error),
        }
        // Show whatever the server now says rather than assuming, as the last step:
        // the answer swaps this page for the login form.
        session.me.refetch();
        Ok(())
    });
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
