//! Shown for any path the app has no page for.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{use_i18n, Key};

/// Says the page does not exist and links home.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{move || i18n.t(Key::NotFound)}</h1>
            <A href="/">{move || i18n.t(Key::BackHome)}</A>
        </section>
    }
}
