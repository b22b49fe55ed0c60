//! "我的申请 / My applications": what the seeker applied to (or was referred to) and where it stands.

use doorstep_shared::api::{ApplicationResponse, ApplicationSource};
use leptos::prelude::*;

use crate::api::{self, APPLICATIONS_PER_PAGE};
use crate::components::{empty, not_registered, section, ApplicationStatusBadge, Async, Paged};
use crate::format::day_of;
use crate::i18n::{tr, Key};
use crate::state::use_session;

/// Lists the seeker's applications, newest first as the server sends them.
#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let unlinked = use_session().unlinked_seeker();
    view! {
        <h1 class="page-title">{tr(Key::ApplicationsTitle)}</h1>
        {if unlinked { not_registered() } else { view! { <ApplicationList/> }.into_any() }}
    }
}

/// Loads and lists them.
#[component]
fn ApplicationList() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let applications = LocalResource::new(move || {
        let page = page.get();
        async move { api::list_applications(None, page, api::APPLICATIONS_PER_PAGE).await }
    });
    let list = move || {
        section(async move {
            applications.await.map(|found| {
                if found.items.is_empty() {
                    return empty("applications-empty", Key::NoApplications);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let items = found.items.into_iter().map(|application| view! { <MyApplication application/> }).collect_view();
                view! {
                    <Paged page=at total per_page=APPLICATIONS_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="my-applications">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! { <Async load=list/> }
}

/// One application: the job, the employer, the status and the date.
#[component]
fn MyApplication(application: ApplicationResponse) -> impl IntoView {
    let referral = (application.source == ApplicationSource::Referral).then(|| view! { <span class="tag">{tr(Key::Referral)}</span> });
    view! {
        <li class="card application" id=format!("application-{}", application.id) data-posting=application.posting_id>
            <h2><a href=format!("/postings/{}", application.posting_id)>{application.posting_title}</a></h2>
            <p class="employer">{application.employer_name}</p>
            <p class="status-line">
                <ApplicationStatusBadge status=application.status/>
                {referral}
                <span class="muted">{day_of(application.updated_at)}</span>
            </p>
        </li>
    }
}
