//! "发布岗位 / Post a job": the employer's form; a new posting waits for staff
//! review. Staff posting for an employer first pick it by name.

use doorstep_shared::api::{EmployerResponse, PhysicalDemand, PostingRequest, PostingResponse, Role, Schedule, SkillResponse};
use leptos::prelude::*;

use crate::api;
use crate::components::{last_failure, ErrorView, FieldError, MyLocation, PostingCard, RegionPicker, SkillPicker, TypedQuery};
use crate::format::{day_from_today, parse_u32};
use crate::i18n::{demand_key, schedule_key, tr, use_i18n, Key};
use crate::state::use_session;

/// The form, or the "pending review" answer after sending it.
#[component]
pub fn PostJobPage() -> impl IntoView {
    // Untracked: the page is rebuilt anyway when the session changes.
    let user = use_session().me.get_untracked().and_then(Result::ok).flatten();
    let employer_id = user.as_ref().and_then(|user| user.employer_id);
    let staff = user.is_some_and(|user| matches!(user.role, Role::Staff | Role::Admin));
    view! {
        <section class="card">
            <h1>{tr(Key::PostTitle)}</h1>
            {match (employer_id, staff) {
                (Some(employer_id), _) => view! { <PostingForm employer_id/> }.into_any(),
                (None, true) => view! { <ForEmployer/> }.into_any(),
                (None, false) => view! { <p class="error" id="post-no-employer">{tr(Key::NoEmployer)}</p> }.into_any(),
            }}
        </section>
    }
}

/// Staff pick the employer by typing part of its name, then fill in the form for it.
#[component]
fn ForEmployer() -> impl IntoView {
    let typed = TypedQuery::new();
    let chosen = RwSignal::new(None::<EmployerResponse>);
    let found = LocalResource::new(move || {
        let q = typed.settled.get();
        async move { api::search_employers(&q).await }
    });
    let options = move || {
        let page = found.get()?.ok()?;
        if page.items.is_empty() {
            return Some(view! { <p class="muted" id="post-employer-none">{tr(Key::EmployerNoneFound)}</p> }.into_any());
        }
        let buttons = page
            .items
            .into_iter()
            .map(|employer| {
                let id = format!("post-employer-option-{}", employer.id);
                let name = employer.name.clone();
                view! {
                    <button type="button" class="employer-option secondary" id=id on:click=move |_| chosen.set(Some(employer.clone()))>
                        {name}
                    </button>
                }
            })
            .collect_view();
        Some(view! { <div class="options" id="post-employer-options">{buttons}</div> }.into_any())
    };
    move || match chosen.get() {
        Some(employer) => view! {
            <p id="post-employer-chosen">
                {tr(Key::PostingFor)}" "<strong>{employer.name.clone()}</strong>" "
                <button type="button" class="secondary" id="post-employer-change" on:click=move |_| chosen.set(None)>{tr(Key::ChangeEmployer)}</button>
            </p>
            <PostingForm employer_id=employer.id/>
        }
        .into_any(),
        None => view! {
            <label for="post-employer-q">{tr(Key::PickEmployer)}</label>
            <input id="post-employer-q" type="search" autocomplete="off"
                prop:value=move || typed.text.get() on:input=move |event| typed.input(event_target_value(&event))/>
            {options}
        }
        .into_any(),
    }
}

/// Every field of a posting, with the few checks worth making before asking the server.
#[component]
fn PostingForm(employer_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    // The site's own point, when the employer stands at it ("use my location").
    let site = RwSignal::new(None::<(f64, f64)>);
    let skills = RwSignal::new(Vec::<SkillResponse>::new());
    let wage_min = RwSignal::new(String::new());
    let wage_max = RwSignal::new(String::new());
    let headcount = RwSignal::new("1".to_string());
    let schedule = RwSignal::new(Schedule::FullTime.as_str().to_string());
    let demand = RwSignal::new(PhysicalDemand::Light.as_str().to_string());
    let accommodation = RwSignal::new(false);
    let accessible = RwSignal::new(false);
    let valid_until = RwSignal::new(day_from_today(30));
    let problem = RwSignal::new(None::<Key>);
    // The posting just created; the form gives way to the "pending review" answer.
    let created = RwSignal::new(None::<PostingResponse>);

    let create = Action::new_local(move |request: &PostingRequest| {
        let request = request.clone();
        async move {
            let posting = api::create_posting(&request).await?;
            created.set(Some(posting));
            Ok::<(), api::ApiError>(())
        }
    });
    let pending = create.pending();
    let failure = last_failure(create);

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (Some(min), Some(max), Some(count)) =
            (parse_u32(&wage_min.get_untracked()), parse_u32(&wage_max.get_untracked()), parse_u32(&headcount.get_untracked()))
        else {
            problem.set(Some(Key::ErrFillAll));
            return;
        };
        let region_code = region.get_untracked();
        if title.get_untracked().trim().is_empty()
            || description.get_untracked().trim().is_empty()
            || region_code.len() < 9
            || valid_until.get_untracked().is_empty()
        {
            problem.set(Some(Key::ErrFillAll));
            return;
        }
        if max < min {
            problem.set(Some(Key::ErrWages));
            return;
        }
        problem.set(None);
        create.dispatch_local(PostingRequest {
            employer_id,
            title: title.get_untracked().trim().to_string(),
            description: description.get_untracked().trim().to_string(),
            region_code,
            lat: site.get_untracked().map(|p| p.0),
            lon: site.get_untracked().map(|p| p.1),
            datum: Default::default(),
            skills: skills.get_untracked().into_iter().map(|s| s.code).collect(),
            wage_min: min,
            wage_max: max,
            headcount: count,
            schedule: Schedule::parse(&schedule.get_untracked()).unwrap_or(Schedule::FullTime),
            accommodation: accommodation.get_untracked(),
            physical_demand: PhysicalDemand::parse(&demand.get_untracked()).unwrap_or(PhysicalDemand::Light),
            accessible: accessible.get_untracked(),
            valid_until: valid_until.get_untracked(),
        });
    };
    let post_another = move |_| {
        title.set(String::new());
        description.set(String::new());
        created.set(None);
    };

    let error = move || {
        if let Some(key) = problem.get() {
            return Some(view! { <p class="error" id="post-error" role="alert">{tr(key)}</p> }.into_any());
        }
        failure.get().map(|error| view! { <ErrorView error id="post-error"/> }.into_any())
    };
    let schedule_options = move || {
        Schedule::ALL
            .iter()
            .map(|&s| view! { <option value=s.as_str() prop:selected=move || schedule.get() == s.as_str()>{tr(schedule_key(s))}</option> })
            .collect_view()
    };
    let demand_options = move || {
        PhysicalDemand::ALL
            .iter()
            .map(|&d| view! { <option value=d.as_str() prop:selected=move || demand.get() == d.as_str()>{tr(demand_key(d))}</option> })
            .collect_view()
    };

    let form = move || {
        view! {
            <form id="post-form" on:submit=on_submit>
                <label for="post-title">{tr(Key::JobTitle)}</label>
                <input id="post-title" type="text" maxlength="60" bind:value=title/>
                <FieldError error=failure field="title" id="post-title-error"/>
                <label for="post-description">{tr(Key::JobDescription)}</label>
                <textarea id="post-description" rows="4" maxlength="2000" bind:value=description></textarea>
                <FieldError error=failure field="description" id="post-description-error"/>
                <RegionPicker code=region id="post-region" label=Key::WorkRegion required=true/>
                <FieldError error=failure field="region_code" id="post-region-error"/>
                <MyLocation point=site id="post-location"/>
                <FieldError error=failure field="lat" id="post-location-error"/>
                <SkillPicker selected=skills id="post-skills" label=Key::SkillsNeeded/>
                <FieldError error=failure field="skills" id="post-skills-error"/>
                <div class="pair">
                    <div>
                        <label for="post-wage-min">{tr(Key::WageMinLabel)}</label>
                        <input id="post-wage-min" type="number" inputmode="numeric" min="0" step="100" bind:value=wage_min/>
                        <FieldError error=failure field="wage_min" id="post-wage-min-error"/>
                    </div>
                    <div>
                        <label for="post-wage-max">{tr(Key::WageMaxLabel)}</label>
                        <input id="post-wage-max" type="number" inputmode="numeric" min="0" step="100" bind:value=wage_max/>
                        <FieldError error=failure field="wage_max" id="post-wage-max-error"/>
                    </div>
                </div>
                <label for="post-headcount">{tr(Key::HeadcountLabel)}</label>
                <input id="post-headcount" type="number" inputmode="numeric" min="1" bind:value=headcount/>
                <FieldError error=failure field="headcount" id="post-headcount-error"/>
                <label for="post-schedule">{tr(Key::ScheduleLabel)}</label>
                <select id="post-schedule" on:change=move |ev| schedule.set(event_target_value(&ev))>{schedule_options}</select>
                <label for="post-physical">{tr(Key::PhysicalLabel)}</label>
                <select id="post-physical" on:change=move |ev| demand.set(event_target_value(&ev))>{demand_options}</select>
                <label class="check">
                    <input id="post-accommodation" type="checkbox" bind:checked=accommodation/>
                    {tr(Key::AccommodationLabel)}
                </label>
                <label class="check">
                    <input id="post-accessible" type="checkbox" bind:checked=accessible/>
                    {tr(Key::AccessibleLabel)}
                </label>
                <label for="post-valid-until">{tr(Key::ValidUntilLabel)}</label>
                <input id="post-valid-until" type="date" bind:value=valid_until/>
                <FieldError error=failure field="valid_until" id="post-valid-until-error"/>
                {error}
                <button id="post-submit" type="submit" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Key::Submitting } else { Key::SubmitPosting })}
                </button>
            </form>
        }
    };

    move || match created.get() {
        None => form().into_any(),
        Some(posting) => view! {
            <div id="post-result" role="status">
                <p class="success">{tr(Key::PostPending)}</p>
                <PostingCard href=format!("/manage/{}", posting.id) posting manage=true/>
                <a class="button" id="post-see-mine" href="/my-postings">{tr(Key::MyPostingsTitle)}</a>
                <button id="post-another" type="button" class="secondary wide" on:click=post_another>
                    {tr(Key::PostAnother)}
                </button>
            </div>
        }
        .into_any(),
    }
}
