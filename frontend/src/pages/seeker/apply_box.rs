//! A seeker's apply box on a posting: apply, see that they applied and with
//! what status, and withdraw while the employer has not decided. It is its
//! own module (`#[lazy]`), fetched with a seeker's first posting together
//! with the seeker's texts, so a visitor's first load carries neither.

use doorstep_shared::api::{ApplicationRequest, ApplicationResponse, ApplicationStatus, Role};
use leptos::lazy;
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{not_registered, section, ApplicationStatusBadge, Async, ErrorView};
use crate::i18n::{tr, use_i18n, Key, WithTexts};
use crate::state::use_session;

/// The logged-in seeker's apply box for `posting_id`, once the seeker's
/// texts are in (`preload_area("seeker")` started them with this module).
#[lazy]
pub fn seeker_apply_box(posting_id: i64) -> AnyView {
    view! { <WithTexts area="seeker"><ApplyBox posting_id/></WithTexts> }.into_any()
}

/// The apply button and its answer; a seeker without a profile gets the way
/// to fill it in, and a seeker who already applied the status of their
/// application and a way to withdraw it.
#[component]
fn ApplyBox(posting_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let apply = Action::new_local(move |posting_id: &i64| {
        let request = ApplicationRequest { posting_id: *posting_id, person_id: None, note: None };
        async move { api::apply(&request).await }
    });
    let withdraw = Action::new_local(|id: &i64| {
        let id = *id;
        async move { api::set_application_status(id, &api::status_only(ApplicationStatus::Withdrawn)).await }
    });
    // The seeker's current application here, asked again after each apply or withdrawal.
    let mine = LocalResource::new(move || {
        apply.version().get();
        withdraw.version().get();
        let linked = session.user().is_some_and(|u| u.role == Role::Seeker && u.person_id.is_some());
        async move {
            if !linked {
                return None;
            }
            let page = api::list_applications(Some(posting_id), 1, 1).await.ok()?;
            page.items.into_iter().next().filter(|a| is_active(a.status))
        }
    });
    let pending = apply.pending();
    let on_click = move |_| {
        if !pending.get_untracked() {
            withdraw.clear();
            apply.dispatch_local(posting_id);
        }
    };
    let answer = move || {
        // A withdrawal since the last attempt replaces its answer.
        if matches!(withdraw.value().get(), Some(Ok(()))) {
            return None;
        }
        let result = apply.value().get()?;
        Some(match result {
            Ok(_) => view! {
                <div id="apply-result" class="success" role="status">
                    <p>{tr(Key::AppliedOk)}</p>
                    <a href="/my-applications" id="apply-see-mine">{tr(Key::SeeMyApplications)}</a>
                </div>
            }
            .into_any(),
            Err(error) => view! { <ErrorView error id="apply-result"/> }.into_any(),
        })
    };
    let withdrawn = move || match withdraw.value().get() {
        Some(Ok(())) => Some(view! { <p id="withdraw-result" class="success" role="status">{tr(Key::WithdrawnOk)}</p> }.into_any()),
        Some(Err(error)) => Some(view! { <ErrorView error id="withdraw-result"/> }.into_any()),
        None => None,
    };
    let apply_button = move || {
        view! {
            <button id="apply-button" type="button" class="big" disabled=move || pending.get()
                on:click=on_click>
                {move || i18n.t(if pending.get() { Key::Applying } else { Key::ApplyButton })}
            </button>
        }
    };
    let state = move || {
        section(async move {
            if session.unlinked_seeker() {
                return Ok(not_registered());
            }
            Ok(match mine.await {
                Some(application) => view! { <AppliedState application withdraw/> }.into_any(),
                None => apply_button().into_any(),
            })
        })
    };
    view! {
        <Async load=state/>
        {answer}
        {withdrawn}
    }
}

/// "已申请 · status", with a button to withdraw while the employer has not decided.
#[component]
fn AppliedState(application: ApplicationResponse, withdraw: Action<i64, Result<(), ApiError>>) -> impl IntoView {
    let (id, status) = (application.id, application.status);
    let pending = withdraw.pending();
    view! {
        <div id="applied-state" class="applied" role="status">
            <p>{tr(Key::AppliedMark)}" "<ApplicationStatusBadge status/></p>
            <button id="withdraw-button" type="button" class="secondary wide" disabled=move || pending.get()
                on:click=move |_| { withdraw.dispatch_local(id); }>
                {tr(Key::WithdrawButton)}
            </button>
        </div>
    }
}

/// Whether an application still stands (the seeker may withdraw it).
fn is_active(status: ApplicationStatus) -> bool {
    matches!(status, ApplicationStatus::Applied | ApplicationStatus::Interviewing)
}
