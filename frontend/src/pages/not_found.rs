//! Shown for any path the app has no page for.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Key};

/// Says the page does not exist and links home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr(Key::NotFound)}</h1>
            <A href="/">{tr(Key::BackHome)}</A>
        </section>
    }
}
