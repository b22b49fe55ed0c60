//! Shown for any path the app has no page for.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// Says the page does not exist and links home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr(Key::NotFound)}</h1>
            <a href="/">{tr(Key::BackHome)}</a>
        </section>
    }
}
