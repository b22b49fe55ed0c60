//! The top bar: product name and the language switch; it also keeps the
//! document title on the page's name (`page_title.rs`).

use leptos::prelude::*;

use super::page_title::follow_page_title;
use crate::i18n::{tr, use_i18n, Key, Lang};

/// Shows the product name and a button that switches between Chinese and English.
#[component]
pub fn AppHeader() -> impl IntoView {
    let i18n = use_i18n();
    follow_page_title();
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
