//! "证书查验 / Check a certificate": anyone types a certificate's number and
//! its verification code and reads the course, the day and a masked name.

use doorstep_shared::api::CertificateCheck;
use leptos::prelude::*;

use crate::api;
use crate::components::ErrorView;
use crate::i18n::{tr, Key};
use crate::location::use_query;

/// The form, filled from `?number=&code=` (the link on a certificate), and the answer.
#[component]
pub fn VerifyCertificatePage() -> impl IntoView {
    let query = use_query().get_untracked();
    let number = RwSignal::new(query.get("number").unwrap_or_default());
    let code = RwSignal::new(query.get("code").unwrap_or_default());
    let check = Action::new_local(|(number, code): &(String, String)| {
        let (number, code) = (number.clone(), code.clone());
        async move { api::verify_certificate(&number, &code).await }
    });
    let submit = move || {
        check.dispatch_local((number.get_untracked(), code.get_untracked()));
    };
    if !number.get_untracked().is_empty() && !code.get_untracked().is_empty() {
        submit();
    }
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        submit();
    };
    let answer = move || {
        Some(match check.value().get()? {
            Ok(found) => answer_view(found),
            Err(error) => view! { <ErrorView error id="verify-error"/> }.into_any(),
        })
    };
    view! {
        <section class="card">
            <h1>{tr(Key::TrVerifyTitle)}</h1>
            <form id="verify-form" on:submit=on_submit>
                <label for="verify-number">{tr(Key::TrCertNumber)}</label>
                <input id="verify-number" type="text" autocomplete="off" bind:value=number/>
                <label for="verify-code">{tr(Key::TrVerifyCode)}</label>
                <input id="verify-code" type="text" autocomplete="off" bind:value=code/>
                <button id="verify-button" type="submit" class="wide" disabled=move || check.pending().get()>{tr(Key::TrVerifyButton)}</button>
            </form>
            {answer}
        </section>
    }
}

/// What the check found: valid or not, the course, the day, the masked name.
fn answer_view(found: CertificateCheck) -> AnyView {
    let (class, key) = if found.valid { ("success", Key::TrCertValid) } else { ("error", Key::TrCertInvalid) };
    view! {
        <div id="verify-result">
            <p class=class role="status">{tr(key)}</p>
            <dl class="facts">
                <dt>{tr(Key::TrCourse)}</dt>
                <dd id="verify-course">{found.course_title}</dd>
                <dt>{tr(Key::TrIssuedOn)}</dt>
                <dd id="verify-date">{found.issued_on.to_string()}</dd>
                <dt>{tr(Key::TrHolder)}</dt>
                <dd id="verify-name">{found.masked_name}</dd>
            </dl>
        </div>
    }
    .into_any()
}
