//! One posting in full, with a big "申请 / Apply" button for seekers and
//! links to the applicants for its employer and for staff. A visitor's
//! button opens the login form; a seeker's apply box (`seeker/apply_box.rs`) is
//! in the seeker's module, so a visitor's first load does not carry it.

use doorstep_shared::api::{PostingResponse, PostingStatus, Role};
use leptos::prelude::*;

use super::seeker_apply_box;
use crate::api;
use crate::components::{section, Apart, Async, PostingStatusBadge, SkillNames};
use crate::i18n::{demand_key, preload_area, schedule_key, tr, trf, Key};
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
        <Async load=move || section(async move { posting.await.map(|posting| view! { <PostingDetail posting/> }.into_any()) })/>
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
            None if status == PostingStatus::Open => Some(view! { <VisitorApply/> }.into_any()),
            Some(Role::Seeker) if status == PostingStatus::Open => {
                preload_area("seeker");
                Some(view! { <Async load=move || section(async move { Ok(seeker_apply_box(id).await) })/> }.into_any())
            }
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

/// The apply button as a visitor sees it: it opens the login form (with the
/// way to sign up); once logged in, the seeker's apply box takes its place.
#[component]
fn VisitorApply() -> impl IntoView {
    let show_login = RwSignal::new(false);
    view! {
        <button id="apply-button" type="button" class="big" on:click=move |_| show_login.set(true)>
            {tr(Key::ApplyLogin)}
        </button>
        <Show when=move || show_login.get()>
            <LoginPage/>
        </Show>
    }
}
