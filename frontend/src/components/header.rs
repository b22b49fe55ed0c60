//! The top bar: product name and the language switch.

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key, Lang};

/// Shows the product name and a button that switches between Chinese and English.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    // The button names the other language in that language, so mark it up as such.
    let button_lang = move || match i18n.lang() {
        Lang::Zh => "en",
        Lang::En => "zh-CN",
    };
    view! {
        <header>
            <span class="brand">"门前就业 " <span lang="en">"Doorstep"</span></span>
            <button id="lang-switch" type="button" lang=button_lang on:click=move |_| i18n.toggle()>
                {tr(Key::LangSwitch)}
            </button>
        </header>
    }
}
