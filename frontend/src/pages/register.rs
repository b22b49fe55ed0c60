//! "注册 / Sign up": what the service is, and a job seeker's account (phone,
//! password, a name to greet them by). Signing up logs them in and leads on to
//! their profile, after which they can apply at once.

use doorstep_shared::api::{RegisterRequest, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::components::{last_failure, ErrorView, FieldError};
use crate::i18n::{tr, use_i18n, Key};
use crate::state::use_session;

/// The introduction and the sign-up form. Signing up logs the seeker in,
/// which rebuilds this page: a logged-in user is sent on, a seeker to their profile.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let session = use_session();
    // Untracked: the page is rebuilt anyway when the session changes.
    let user = session.me.get_untracked().and_then(Result::ok).flatten();
    match user.map(|u| u.role) {
        Some(Role::Seeker) => view! { <Redirect path="/profile"/> }.into_any(),
        Some(_) => view! { <Redirect path="/"/> }.into_any(),
        None => view! { <RegisterForm/> }.into_any(),
    }
}

/// What the service is, and phone, password and a name.
#[component]
fn RegisterForm() -> impl IntoView {
    let i18n = use_i18n();
    let register = use_session().register;
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let pending = register.pending();
    let failure = last_failure(register);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        register.dispatch_local(RegisterRequest {
            phone: phone.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            display_name: display_name.get_untracked().trim().to_string(),
        });
    };
    view! {
        <section class="card" id="register-intro">
            <h1>{tr(Key::RegisterTitle)}</h1>
            <p>{tr(Key::ServiceIntro)}</p>
            <ol class="steps">
                <li>{tr(Key::RegisterStepAccount)}</li>
                <li>{tr(Key::RegisterStepProfile)}</li>
                <li>{tr(Key::RegisterStepApply)}</li>
            </ol>
        </section>
        <section class="card">
            <form id="register-form" on:submit=on_submit>
                <label for="register-phone">{tr(Key::PhoneLabel)}</label>
                <input id="register-phone" type="tel" inputmode="numeric" autocomplete="tel" bind:value=phone/>
                <FieldError error=failure field="phone" id="register-phone-error"/>
                <label for="register-password">{tr(Key::NewPassword)}</label>
                <input id="register-password" type="password" autocomplete="new-password" bind:value=password/>
                <FieldError error=failure field="password" id="register-password-error"/>
                <label for="register-name">{tr(Key::DisplayNameLabel)}</label>
                <input id="register-name" type="text" autocomplete="name" maxlength="50" bind:value=display_name/>
                <FieldError error=failure field="display_name" id="register-name-error"/>
                {move || failure.get().map(|error| view! { <ErrorView error id="register-error"/> })}
                <button id="register-button" type="submit" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Key::Submitting } else { Key::RegisterButton })}
                </button>
            </form>
            <p><a href="/" id="register-login-link">{tr(Key::HaveAccount)}</a></p>
        </section>
    }
}
