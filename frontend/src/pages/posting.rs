//! One posting in full, with a big "申请 / Apply" button for seekers and
//! links to the applicants for its employer and for staff.

use doorstep_shared::api::{ApplicationRequest, ApplicationResponse, ApplicationStatus, PostingResponse, PostingStatus, Role};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{not_registered, Apart, ApplicationStatusBadge, Async, ErrorView, PostingStatusBadge, SkillNames};
use crate::i18n::{demand_key, schedule_key, tr, trf, use_i18n, I18n, Key};
use crate::pages::LoginPage;
use crate::state::use_session;

/// Loads the posting named in the address.
#[component]
pub fn PostingPage(
    /// The posting's id, from the path.
    id: i64,
) -> impl IntoView {
    let posting = LocalResource::new(move || api::get_posting(id));
    view! {
        <Async load=move || Suspend::new(async move { posting.await.map(|posting| view! { <PostingDetail posting/> }.into_any()) })/>
    }
}

/// The posting's facts, description and the actions open to the viewer.
#[component]
fn PostingDetail(posting: PostingResponse) -> impl IntoView {
    let session = use_session();
    let id = posting.id;
    let (wage_min, wage_max) = (posting.wage_min, posting.wage_max);
    let (hired, headcount) = (posting.hired, posting.headcount);
    let (schedule, demand, status) = (posting.schedule, posting.physical_demand, posting.status);
    let accommodation = posting.accommodation;
    let accessible = posting.accessible.then(|| view! { <span class="tag">{tr(Key::Accessible)}</span> });
    let status_badge = (status != PostingStatus::Open).then(|| view! { <PostingStatusBadge status/> });
    let skills = (!posting.skills.is_empty()).then(|| {
        view! {
            <dt>{tr(Key::SkillsNeeded)}</dt>
            <dd class="tags"><SkillNames skills=posting.skill_names/></dd>
        }
    });
    let employer_id = posting.employer_id;
    let actions = move || {
        let user = session.user();
        match user.as_ref().map(|u| u.role) {
            None | Some(Role::Seeker) if status == PostingStatus::Open => Some(view! { <ApplyBox posting_id=id/> }.into_any()),
            Some(Role::Employer) if user.and_then(|u| u.employer_id) == Some(employer_id) => Some(view! { <ManageLink id/> }.into_any()),
            Some(Role::Staff | Role::Admin) => Some(view! { <ManageLink id/> }.into_any()),
            _ => None,
        }
    };
    let wage = trf(Key::WageRange, vec![("min", wage_min.to_string()), ("max", wage_max.to_string())]);
    let hired_of = trf(Key::HiredOf, vec![("hired", hired.to_string()), ("headcount", headcount.to_string())]);
    view! {
        <article class="card posting-detail" id="posting-detail" data-id=id>
            <h1 id="posting-title">{posting.title}</h1>
            {status_badge}
            <p class="wage big">{wage}</p>
            <dl>
                <dt>{tr(Key::EmployerLabel)}</dt>
                <dd id="posting-employer">{posting.employer_name}</dd>
                <dt>{tr(Key::PlaceLabel)}</dt>
                <dd id="posting-place">{posting.region_name}<Apart distance_km=posting.distance_km nearness=posting.nearness/></dd>
                <dt>{tr(Key::ScheduleLabel)}</dt>
                <dd>{tr(schedule_key(schedule))}</dd>
                <dt>{tr(Key::PhysicalLabel)}</dt>
                <dd>{tr(demand_key(demand))}</dd>
                <dt>{tr(Key::Headcount)}</dt>
                <dd id="posting-hired">{hired_of}</dd>
                <dt>{tr(Key::ValidUntil)}</dt>
                <dd>{posting.valid_until.to_string()}</dd>
                {skills}
            </dl>
            <p class="tags">
                <span class="tag">{tr(if accommodation { Key::Accommodation } else { Key::NoAccommodation })}</span>
                {accessible}
            </p>
            <h2>{tr(Key::DescriptionLabel)}</h2>
            <p class="description">{posting.description}</p>
            {actions}
        </article>
    }
}

/// A link to the applicants and candidates, for the employer and staff.
#[component]
fn ManageLink(id: i64) -> impl IntoView {
    view! {
        <a class="button" id="manage-link" href=format!("/manage/{id}")>{tr(Key::SeeApplicants)}</a>
    }
}

/// The apply button and its answer; visitors get the login form first, a
/// seeker without a profile the way to fill it in, and a seeker who already
/// applied the status of their application and a way to withdraw it.
#[component]
fn ApplyBox(posting_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let show_login = RwSignal::new(false);
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
        if session.user().is_none() {
            show_login.set(true);
        } else if !pending.get_untracked() {
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
                {move || apply_label(i18n, pending.get(), session.user().is_some())}
            </button>
        }
    };
    let state = move || {
        Suspend::new(async move {
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
        <Show when=move || show_login.get() && session.user().is_none()>
            <LoginPage/>
        </Show>
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

fn apply_label(i18n: I18n, pending: bool, logged_in: bool) -> &'static str {
    i18n.t(match (pending, logged_in) {
        (true, _) => Key::Applying,
        (false, true) => Key::ApplyButton,
        (false, false) => Key::ApplyLogin,
    })
}
