//! "我的培训 / My training": the seeker's places and waitlist entries (with
//! the way to give one up), their certificates with the code and the public
//! link that proves them, and the training notices.

use doorstep_shared::api::{Certificate, Enrolment, EnrolmentStatus, Notice};
use leptos::prelude::*;

use super::words::{enrolment_badge, notice_key, when_line};
use crate::api::{self, TRAINING_PER_PAGE};
use crate::components::{empty, not_registered, section, Async, ErrorView, Paged};
use crate::format::day_of;
use crate::i18n::{pick, tr, trf, Key};
use crate::state::use_session;

/// The three lists, for a registered seeker.
#[component]
pub fn MyTrainingPage() -> impl IntoView {
    let unlinked = use_session().unlinked_seeker();
    let lists = move || {
        view! {
            <Certificates/>
            <Enrolments/>
            <Notices/>
        }
    };
    view! {
        <h1 class="page-title">{tr(Key::TrMyTitle)}</h1>
        <p><a class="button secondary" href="/training" id="find-training">{tr(Key::TrFindMore)}</a></p>
        {if unlinked { not_registered() } else { lists().into_any() }}
    }
}

/// The seeker's enrolments, newest first.
#[component]
fn Enrolments() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let enrolments = LocalResource::new(move || {
        let page = page.get();
        async move { api::my_enrolments(page).await }
    });
    let changed = Callback::new(move |()| enrolments.refetch());
    let list = move || {
        section(async move {
            enrolments.await.map(|found| {
                if found.items.is_empty() {
                    return empty("enrolments-empty", Key::TrNoEnrolments);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let items = found.items.into_iter().map(|enrolment| view! { <MyEnrolment enrolment changed/> }).collect_view();
                view! {
                    <Paged page=at total per_page=TRAINING_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="my-enrolments">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h2>{tr(Key::TrMyEnrolments)}</h2>
        <Async load=list/>
    }
}

/// One enrolment: the course, when, where it stands, and "give up" while it is live.
#[component]
fn MyEnrolment(enrolment: Enrolment, changed: Callback<()>) -> impl IntoView {
    let id = enrolment.id;
    let when = when_line(enrolment.start_date.to_string(), enrolment.end_date.to_string(), enrolment.days.clone(), enrolment.period);
    let position = enrolment.waitlist_position.map(|p| trf(Key::TrWaitlistPosition, vec![("position", p.to_string())]));
    let live = matches!(enrolment.status, EnrolmentStatus::Enrolled | EnrolmentStatus::Waitlisted);
    let cancel = Action::new_local(move |_: &()| async move { api::cancel_enrolment(id).await.map(|_| ()) });
    Effect::new(move || {
        if matches!(cancel.value().get(), Some(Ok(()))) {
            changed.run(());
        }
    });
    let failure = move || match cancel.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error/> }),
        _ => None,
    };
    let button = live.then(|| {
        view! {
            <button type="button" class="secondary" id=format!("cancel-enrolment-{id}") disabled=move || cancel.pending().get()
                on:click=move |_| { cancel.dispatch_local(()); }>
                {tr(if enrolment.status == EnrolmentStatus::Waitlisted { Key::TrLeaveWaitlist } else { Key::TrGiveUpPlace })}
            </button>
        }
    });
    view! {
        <li class="card" id=format!("enrolment-{id}") data-session=enrolment.session_id>
            <h3><a href=format!("/training/{}", enrolment.session_id)>{enrolment.course_title}</a></h3>
            <p class="facts">{when}</p>
            <p class="status-line">{enrolment_badge(enrolment.status)}" "{position}</p>
            {enrolment.note.map(|note| view! { <p class="muted">{note}</p> })}
            {failure}
            {button}
        </li>
    }
}

/// The seeker's certificates.
#[component]
fn Certificates() -> impl IntoView {
    let certificates = LocalResource::new(api::my_certificates);
    let list = move || {
        section(async move {
            certificates.await.map(|found| {
                if found.certificates.is_empty() {
                    return ().into_any();
                }
                let items = found.certificates.into_iter().map(|certificate| view! { <MyCertificate certificate/> }).collect_view();
                view! {
                    <h2>{tr(Key::TrMyCertificates)}</h2>
                    <ul class="list plain" id="my-certificates">{items}</ul>
                }
                .into_any()
            })
        })
    };
    view! { <Async load=list/> }
}

/// One certificate: number, course, day, skills, the code and the public check.
#[component]
fn MyCertificate(certificate: Certificate) -> impl IntoView {
    let link = format!("/certificates/verify?number={}&code={}", certificate.number, certificate.verify_code);
    let skills = certificate.skills.into_iter().map(|s| view! { <span class="tag">{pick(s.name_zh, s.name_en)}</span> }).collect_view();
    view! {
        <li class="card certificate" id=format!("certificate-{}", certificate.id)>
            <h3>{certificate.course_title}</h3>
            <dl class="facts">
                <dt>{tr(Key::TrCertNumber)}</dt>
                <dd class="cert-number">{certificate.number}</dd>
                <dt>{tr(Key::TrIssuedOn)}</dt>
                <dd>{certificate.issued_on.to_string()}" · "{certificate.issuing_region_name}</dd>
                <dt>{tr(Key::TrVerifyCode)}</dt>
                <dd class="cert-code">{certificate.verify_code}</dd>
            </dl>
            <p>{skills}</p>
            <p><a class="verify-link" href=link>{tr(Key::TrVerifyLink)}</a></p>
        </li>
    }
}

/// Training notices: a waitlist place became a place, a session was cancelled, a certificate was issued.
#[component]
fn Notices() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let notices = LocalResource::new(move || {
        let page = page.get();
        async move { api::my_notices(page).await }
    });
    let list = move || {
        section(async move {
            notices.await.map(|found| {
                if found.items.is_empty() {
                    return ().into_any();
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let items = found.items.into_iter().map(|notice| view! { <NoticeLine notice/> }).collect_view();
                view! {
                    <h2>{tr(Key::TrNotices)}</h2>
                    <Paged page=at total per_page=TRAINING_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="training-notices">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! { <Async load=list/> }
}

/// One notice, worded by its kind.
#[component]
fn NoticeLine(notice: Notice) -> impl IntoView {
    let text = trf(notice_key(notice.kind), vec![("course", notice.course_title)]);
    view! {
        <li class="card notice-item" data-kind=notice.kind.as_str()>
            <a href=format!("/training/{}", notice.session_id)>{text}</a>
            " "<span class="muted">{day_of(notice.created_at)}</span>
        </li>
    }
}
