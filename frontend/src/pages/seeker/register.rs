//! "注册 / Sign up": what the service is, and a job seeker's account: the
//! phone, proved by an SMS code, then a password and a name to greet them by. Signing up logs them in and leads on to
//! their profile, after which they can apply at once.

use doorstep_shared::api::{RegisterRequest, RegistrationCodeRequest, Role};
use leptos::prelude::*;

use crate::api;
use crate::components::{last_failure, ErrorView, FieldError};
use crate::i18n::{tr, trf, use_i18n, Key};
use crate::location::Redirect;
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

/// What the service is; the phone and its SMS code, then password and a name.
#[component]
fn RegisterForm() -> impl IntoView {
    let phone = RwSignal::new(String::new());
    let ask_code = Action::new_local(|request: &RegistrationCodeRequest| {
        let request = request.clone();
        async move { api::ask_registration_code(&request).await }
    });
    let code_failure = last_failure(ask_code);
    let sent = Signal::derive(move || match ask_code.value().get() {
        Some(Ok(sent)) => Some(sent.code_valid_minutes),
        _ => None,
    });
    let asking = ask_code.pending();
    let on_ask = move |_| {
        if !asking.get_untracked() {
            ask_code.dispatch_local(RegistrationCodeRequest { phone: phone.get_untracked().trim().to_string() });
        }
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
            <label for="register-phone">{tr(Key::PhoneLabel)}</label>
            <input id="register-phone" type="tel" inputmode="numeric" autocomplete="tel" bind:value=phone/>
            <FieldError error=code_failure field="phone" id="register-phone-error"/>
            <button id="register-code-button" type="button" on:click=on_ask disabled=move || asking.get()>
                {tr(Key::RegisterCodeButton)}
            </button>
            {move || code_failure.get().map(|error| view! { <ErrorView error id="register-code-error-summary"/> })}
            {move || sent.get().map(|minutes| view! {
                <p id="register-code-sent">{trf(Key::RegisterCodeSent, vec![("minutes", minutes.to_string())])}</p>
                <AccountForm phone/>
            })}
            <p><a href="/" id="register-login-link">{tr(Key::HaveAccount)}</a></p>
        </section>
    }
}

/// The code from the SMS, a password (its rule said before typing) and a name.
#[component]
fn AccountForm(phone: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let register = Action::new_local(move |request: &RegisterRequest| {
        let request = request.clone();
        async move {
            api::register(&request).await?;
            // Asked again rather than set here, as the last step: the answer
            // rebuilds this page, which then sends the new seeker on.
            session.me.refetch();
            Ok::<(), api::ApiError>(())
        }
    });
    let code = RwSignal::new(String::new());
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
            code: code.get_untracked().trim().to_string(),
            password: password.get_untracked(),
            display_name: display_name.get_untracked().trim().to_string(),
        });
    };
    view! {
        <form id="register-form" on:submit=on_submit>
            <label for="register-code">{tr(Key::RegisterCodeLabel)}</label>
            <input id="register-code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" bind:value=code/>
            <FieldError error=failure field="code" id="register-code-error"/>
            <label for="register-password">{tr(Key::NewPassword)}</label>
            <p class="muted" id="register-password-rule">{tr(Key::PasswordRule)}</p>
            <input id="register-password" type="password" autocomplete="new-password" aria-describedby="register-password-rule" bind:value=password/>
            <FieldError error=failure field="password" id="register-password-error"/>
            <label for="register-name">{tr(Key::DisplayNameLabel)}</label>
            <input id="register-name" type="text" autocomplete="name" maxlength="50" bind:value=display_name/>
            <FieldError error=failure field="display_name" id="register-name-error"/>
            {move || failure.get().map(|error| view! { <ErrorView error id="register-error"/> })}
            <button id="register-button" type="submit" disabled=move || pending.get()>
                {move || i18n.t(if pending.get() { Key::Submitting } else { Key::RegisterButton })}
            </button>
        </form>
    }
}
