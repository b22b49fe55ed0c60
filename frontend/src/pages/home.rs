//! The "who am I" page: the logged-in user's name, role and region, and logout.

use doorstep_shared::api::MeResponse;
use leptos::prelude::*;

use crate::components::ErrorView;
use crate::i18n::{role_key, use_i18n, Key};
use crate::state::use_session;

/// Greets the logged-in user and offers logout.
#[component]
pub fn HomePage(
    /// The user, as `/me` or the login answer described them.
    user: MeResponse,
) -> impl IntoView {
    let i18n = use_i18n();
    let logout = use_session().logout;
    let pending = logout.pending();
    let error = move || match logout.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error/> }),
        _ => None,
    };

    let role = user.role;
    let region = user.region.map(|region| {
        view! {
            <dt>{move || i18n.t(Key::RegionLabel)}</dt>
            <dd id="region">{region.name}</dd>
        }
    });

    view! {
        <section class="card">
            <h1 id="whoami">{move || i18n.t(Key::Hello)}{user.display_name}</h1>
            <dl>
                <dt>{move || i18n.t(Key::RoleLabel)}</dt>
                <dd id="role">{move || i18n.t(role_key(role))}</dd>
                {region}
            </dl>
            {error}
            <button id="logout-button" type="button" class="secondary" disabled=move || pending.get()
                on:click=move |_| { logout.dispatch_local(()); }>
                {move || i18n.t(Key::LogoutButton)}
            </button>
        </section>
    }
}
