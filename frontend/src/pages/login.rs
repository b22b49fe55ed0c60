//! The login form, shown to anyone without a session, with the way to sign up.

use doorstep_shared::api::LoginRequest;
use leptos::prelude::*;

use crate::components::ErrorView;
use crate::i18n::{tr, use_i18n, Key};
use crate::state::use_session;

/// Asks for username and password and starts a session.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = use_session().login;
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = login.pending();

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        login.dispatch_local(LoginRequest { username: username.get_untracked().trim().to_string(), password: password.get_untracked() });
    };

    // Hide the previous failure while a new attempt is under way.
    let error = move || match login.value().get() {
        Some(Err(error)) if !pending.get() => Some(view! { <ErrorView error id="login-error" login=true/> }),
        _ => None,
    };

    view! {
        <section class="card">
            <h1>{tr(Key::LoginTitle)}</h1>
            <form on:submit=on_submit>
                <label for="username">{tr(Key::Username)}</label>
                <input id="username" name="username" type="text" autocomplete="username"
                    autocapitalize="none" spellcheck="false" bind:value=username/>
                <label for="password">{tr(Key::Password)}</label>
                <input id="password" name="password" type="password" autocomplete="current-password"
                    bind:value=password/>
                {error}
                <button id="login-button" type="submit" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Key::LoggingIn } else { Key::LoginButton })}
                </button>
            </form>
            <p class="signup">
                {tr(Key::NoAccount)}" "
                <a href="/register" id="register-link">{tr(Key::RegisterLink)}</a>
            </p>
        </section>
    }
}
