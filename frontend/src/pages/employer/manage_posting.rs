//! One managed posting: hires so far, the applicants with buttons that move
//! them along (interview, turn down, hire with start date and wage), and the
//! suggested candidates. Staff may refer a candidate straight away; an
//! employer invites one to apply (it reaches the person's inbox).

use doorstep_shared::api::{
    ApplicationRequest, ApplicationResponse, ApplicationSource, ApplicationStatus, ApplicationStatusRequest, CandidateItem, PostingResponse, Role,
};
use leptos::prelude::*;

use crate::api::{self, ApiError, APPLICATIONS_PER_PAGE};
use crate::components::{
    empty, last_failure, section, Apart, ApplicationStatusBadge, Async, ErrorView, FieldError, Paged, PostingStatusBadge, ReasonList, SkillNames,
};
use crate::format::{day_from_today, parse_u32};
use crate::i18n::{tr, trf, Key};
use crate::state::use_session;

/// Moves an application: (application id, its status now, the move).
type MoveAction = Action<(i64, ApplicationStatus, ApplicationStatusRequest), Result<(), ApiError>>;

/// Loads the posting, its applicants and its candidates.
#[component]
pub fn ManagePostingPage(
    /// The posting's id, from the path.
    id: i64,
) -> impl IntoView {
    let move_app: MoveAction = Action::new_local(|(id, _now, request): &(i64, ApplicationStatus, ApplicationStatusRequest)| {
        let (id, request) = (*id, request.clone());
        // A hire from "applied" is one atomic call: no interview step needed.
        async move { api::set_application_status(id, &request).await }
    });
    let refer = Action::new_local(|request: &ApplicationRequest| {
        let request = request.clone();
        async move { api::apply(&request).await.map(|_| ()) }
    });
    let posting = LocalResource::new(move || {
        move_app.version().get();
        async move { api::get_posting(id).await }
    });
    let applicants_page = RwSignal::new(1_u32);
    let applicants = LocalResource::new(move || {
        move_app.version().get();
        refer.version().get();
        let page = applicants_page.get();
        async move { api::list_applications(Some(id), page, api::APPLICATIONS_PER_PAGE).await }
    });
    let candidates = LocalResource::new(move || api::posting_candidates(id));

    let summary = move || section(async move { posting.await.map(|posting| view! { <PostingSummary posting/> }.into_any()) });
    let move_error = move || match move_app.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error id="status-error"/> }),
        _ => None,
    };
    let refer_error = move || match refer.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error id="refer-error"/> }),
        _ => None,
    };
    let applicant_list = move || {
        section(async move {
            applicants.await.map(|found| {
                if found.items.is_empty() {
                    return empty("applicants-empty", Key::NoApplicants);
                }
                let (total, at) = (found.total.unsigned_abs(), found.page);
                let items = found.items.into_iter().map(|application| view! { <Applicant application move_app/> }).collect_view();
                let to_page = move |to| applicants_page.set(to);
                view! { <Paged page=at total per_page=APPLICATIONS_PER_PAGE on_page=to_page>{items}</Paged> }.into_any()
            })
        })
    };
    let candidate_list = move || {
        section(async move {
            candidates.await.map(|found| {
                if found.candidates.is_empty() {
                    return empty("candidates-empty", Key::NoCandidates);
                }
                let posting_id = id;
                let items = found.candidates.into_iter().map(|candidate| view! { <Candidate candidate posting_id refer/> }).collect_view();
                view! { <p class="muted">{tr(Key::CandidatesIntro)}</p> {items} }.into_any()
            })
        })
    };

    view! {
        <Async load=summary/>
        <section id="applicants" class="list">
            <h2>{tr(Key::ApplicantsTitle)}</h2>
            {move_error}
            <Async load=applicant_list/>
        </section>
        <section id="candidates" class="list">
            <h2>{tr(Key::CandidatesTitle)}</h2>
            {refer_error}
            <Async load=candidate_list/>
        </section>
    }
}

/// Title, status and hires of the posting.
#[component]
fn PostingSummary(posting: PostingResponse) -> impl IntoView {
    let (hired, headcount) = (posting.hired, posting.headcount);
    let hired_of = trf(Key::HiredOf, vec![("hired", hired.to_string()), ("headcount", headcount.to_string())]);
    view! {
        <section class="card" id="manage-posting" data-id=posting.id>
            <h1><a href=format!("/postings/{}", posting.id)>{posting.title}</a></h1>
            <p class="status-line">
                <PostingStatusBadge status=posting.status/>
                <strong id="posting-hired">{hired_of}</strong>
            </p>
            <p class="employer">{posting.employer_name}" · "{posting.region_name}</p>
        </section>
    }
}

/// One applicant: name, phone, status, and the moves still open.
#[component]
fn Applicant(application: ApplicationResponse, move_app: MoveAction) -> impl IntoView {
    let id = application.id;
    let status = application.status;
    let hiring = RwSignal::new(false);
    let start = RwSignal::new(day_from_today(0));
    let wage = RwSignal::new(String::new());
    let pending = move_app.pending();
    let send = move |to: ApplicationStatus| move_app.dispatch_local((id, status, api::status_only(to)));
    let open = matches!(status, ApplicationStatus::Applied | ApplicationStatus::Interviewing);
    let problem = RwSignal::new(false);
    let failure = last_failure(move_app);
    let on_hire = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(monthly_wage) = parse_u32(&wage.get_untracked()) else {
            problem.set(true);
            return;
        };
        if start.get_untracked().is_empty() {
            problem.set(true);
            return;
        }
        problem.set(false);
        move_app.dispatch_local((
            id,
            status,
            ApplicationStatusRequest {
                status: ApplicationStatus::Hired,
                start_date: Some(start.get_untracked()),
                monthly_wage: Some(monthly_wage),
                note: None,
            },
        ));
    };
    let buttons = move || {
        (open && !hiring.get()).then(|| {
            let interview = (status == ApplicationStatus::Applied).then(|| {
                view! {
                    <button id=format!("interview-{id}") type="button" class="secondary" disabled=move || pending.get()
                        on:click=move |_| { send(ApplicationStatus::Interviewing); }>
                        {tr(Key::MoveInterview)}
                    </button>
                }
            });
            view! {
                <div class="actions">
                    <button id=format!("hire-{id}") type="button" on:click=move |_| hiring.set(true)>
                        {tr(Key::MoveHire)}
                    </button>
                    {interview}
                    <button id=format!("turn-down-{id}") type="button" class="secondary" disabled=move || pending.get()
                        on:click=move |_| { send(ApplicationStatus::Rejected); }>
                        {tr(Key::MoveReject)}
                    </button>
                </div>
            }
        })
    };
    let hire_form = move || {
        hiring.get().then(|| {
            view! {
                <form id="hire-form" class="inset" on:submit=on_hire>
                    <label for="hire-start">{tr(Key::HireStart)}</label>
                    <input id="hire-start" type="date" bind:value=start/>
                    <FieldError error=failure field="start_date" id="hire-start-error"/>
                    <label for="hire-wage">{tr(Key::HireWage)}</label>
                    <input id="hire-wage" type="number" inputmode="numeric" min="0" step="100" bind:value=wage/>
                    <FieldError error=failure field="monthly_wage" id="hire-wage-error"/>
                    {move || problem.get().then(|| view! { <p class="error" role="alert">{tr(Key::ErrFillAll)}</p> })}
                    <div class="actions">
                        <button id="hire-submit" type="submit" disabled=move || pending.get()>{tr(Key::HireSubmit)}</button>
                        <button id="hire-cancel" type="button" class="secondary" on:click=move |_| hiring.set(false)>
                            {tr(Key::Cancel)}
                        </button>
                    </div>
                </form>
            }
        })
    };
    let referral = (application.source == ApplicationSource::Referral).then(|| view! { <span class="tag">{tr(Key::Referral)}</span> });
    let phone = application.person_phone;
    view! {
        <article class="card application" id=format!("application-{id}") data-status=format!("{status:?}").to_lowercase()>
            <h3 class="person-name">{application.person_name}</h3>
            <p><PhoneLink phone/></p>
            <p class="status-line"><ApplicationStatusBadge status/>{referral}</p>
            {buttons}
            {hire_form}
        </article>
    }
}

/// One suggested person; staff can refer them to the posting, an employer
/// can invite them to apply.
#[component]
fn Candidate(candidate: CandidateItem, posting_id: i64, refer: Action<ApplicationRequest, Result<(), ApiError>>) -> impl IntoView {
    let session = use_session();
    let person_id = candidate.person_id;
    let refer_button = move || {
        let staff = session.user().is_some_and(|u| matches!(u.role, Role::Staff | Role::Admin));
        staff.then(|| {
            view! {
                <button id=format!("refer-{person_id}") type="button" disabled=move || refer.pending().get()
                    on:click=move |_| {
                        refer.dispatch_local(ApplicationRequest { posting_id, person_id: Some(person_id), note: None });
                    }>
                    {tr(Key::ReferSubmit)}
                </button>
            }
        })
    };
    let employer = session.user().is_some_and(|u| u.role == Role::Employer);
    let invite = employer.then(|| view! { <InviteButton posting_id person_id/> });
    let phone = candidate.phone;
    let apart = view! { <Apart distance_km=candidate.distance_km nearness=candidate.nearness/> };
    view! {
        <article class="card candidate" id=format!("candidate-{person_id}")>
            <h3>{candidate.name}</h3>
            <p><PhoneLink phone/></p>
            <p class="facts">{candidate.home_region_name}{apart}</p>
            <p class="tags"><SkillNames skills=candidate.skill_names/></p>
            <ReasonList reasons=candidate.reasons/>
            {refer_button}
            {invite}
        </article>
    }
}

/// Invites one candidate to apply, and says so where the employer tapped.
#[component]
fn InviteButton(posting_id: i64, person_id: i64) -> impl IntoView {
    let invite = Action::new_local(move |_: &()| api::invite_candidate(posting_id, person_id));
    let pending = invite.pending();
    let done = move || matches!(invite.value().get(), Some(Ok(_)));
    let answer = move || match invite.value().get()? {
        Ok(_) => Some(view! { <p class="success" id=format!("invited-{person_id}") role="status">{tr(Key::InvitedOk)}</p> }.into_any()),
        Err(error) => Some(view! { <ErrorView error id="invite-error"/> }.into_any()),
    };
    view! {
        <button id=format!("invite-{person_id}") type="button" disabled=move || pending.get() || done()
            on:click=move |_| { invite.dispatch_local(()); }>
            {tr(Key::InviteButton)}
        </button>
        {answer}
    }
}

/// A phone number one tap dials; a masked one is only shown.
#[component]
fn PhoneLink(phone: String) -> impl IntoView {
    if phone.contains('*') {
        phone.into_any()
    } else {
        view! { <a href=format!("tel:{phone}")>{phone.clone()}</a> }.into_any()
    }
}
