//! "我的资料 / My profile": a seeker describes themself — name, ID card, home,
//! skills, what work they want, and the assistance categories they claim
//! (staff verify those; until then they do not count). Saving it creates the
//! person record a self-registered account needs to apply.

use doorstep_shared::api::{AssistanceCategory, Gender, PersonResponse, Preferences, ProfileRequest, Schedule, SkillResponse};
use leptos::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{last_failure, section, Async, ErrorView, FieldError, MyLocation, RegionPicker, SkillPicker};
use crate::format::parse_u32;
use crate::i18n::{category_key, schedule_key, tr, use_i18n, Key};
use crate::location::{use_navigate, use_query};
use crate::state::use_session;

/// Loads the profile (if any) and the skill names, together, then the form.
/// `?saved=1` says the last save went through (the session is asked again
/// after a save, which rebuilds the page).
#[component]
pub fn ProfilePage() -> impl IntoView {
    let saved = use_query().with_untracked(|q| q.get("saved").is_some());
    let profile = LocalResource::new(api::get_profile);
    let catalog = LocalResource::new(|| api::search_skills(""));
    let load = move || {
        section(async move {
            let skills = catalog.await.unwrap_or_default();
            let current = match profile.await {
                Ok(person) => Some(person),
                Err(ApiError::Server(e)) if e.code == doorstep_shared::api::ErrorCode::ProfileMissing => None,
                Err(error) => return Err(error),
            };
            Ok(view! { <ProfileForm current skills saved/> }.into_any())
        })
    };
    view! {
        <h1 class="page-title">{tr(Key::ProfileTitle)}</h1>
        <Async load/>
    }
}

/// The form, filled from the current record; after saving, the way on.
#[component]
fn ProfileForm(current: Option<PersonResponse>, skills: Vec<SkillResponse>, saved: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let is_new = current.is_none();
    let p = current.unwrap_or_else(blank);
    let name = RwSignal::new(p.name.clone());
    let id_number = RwSignal::new(String::new());
    let gender = RwSignal::new(p.gender);
    let birth_year = RwSignal::new(if is_new { String::new() } else { p.birth_year.to_string() });
    let home = RwSignal::new(p.home_region.clone());
    // The seeker's own point ("use my location"); `None`: the region's.
    let home_point = RwSignal::new(p.home_lat.zip(p.home_lon));
    let chosen = RwSignal::new(skills.into_iter().filter(|s| p.skills.contains(&s.code)).collect::<Vec<_>>());
    let verified = p.categories.clone();
    let claimed = RwSignal::new(p.claimed_categories.clone());
    let grade = RwSignal::new(p.disability_grade.map(|g| g.to_string()).unwrap_or_default());
    let commute = RwSignal::new(p.preferences.max_commute_km.to_string());
    let schedules = RwSignal::new(p.preferences.schedules.clone());
    let min_wage = RwSignal::new(p.preferences.min_wage.map(|w| w.to_string()).unwrap_or_default());
    let relocate = RwSignal::new(p.preferences.willing_to_relocate);
    let accessible = RwSignal::new(p.preferences.needs_accessible);
    let consent = RwSignal::new(p.consent_to_share);
    let no_sms = RwSignal::new(p.sms_opt_out);
    let masked = (!is_new).then(|| p.id_number_masked.clone());

    let save = Action::new_local(move |request: &ProfileRequest| {
        let request = request.clone();
        async move {
            api::save_profile(&request).await?;
            navigate("/profile?saved=1");
            // The account is linked now: `/me` names the person.
            session.me.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let pending = save.pending();
    let failure = last_failure(save);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        save.dispatch_local(ProfileRequest {
            name: name.get_untracked().trim().to_string(),
            // Blank keeps the number on record (staff or an earlier save entered it).
            id_number: Some(id_number.get_untracked().trim().to_string()),
            gender: gender.get_untracked(),
            birth_year: parse_u32(&birth_year.get_untracked()).and_then(|y| u16::try_from(y).ok()).unwrap_or(0),
            home_region: home.get_untracked(),
            home_lat: home_point.get_untracked().map(|p| p.0),
            home_lon: home_point.get_untracked().map(|p| p.1),
            claimed_categories: claimed.get_untracked(),
            disability_grade: parse_u32(&grade.get_untracked()).and_then(|g| u8::try_from(g).ok()),
            skills: chosen.get_untracked().into_iter().map(|s| s.code).collect(),
            preferences: Preferences {
                max_commute_km: parse_u32(&commute.get_untracked()).unwrap_or(30),
                willing_to_relocate: relocate.get_untracked(),
                schedules: schedules.get_untracked(),
                min_wage: parse_u32(&min_wage.get_untracked()),
                needs_accessible: accessible.get_untracked(),
            },
            consent_to_share: consent.get_untracked(),
            sms_opt_out: Some(no_sms.get_untracked()),
        });
    };

    let category_boxes = AssistanceCategory::ALL
        .iter()
        .map(|&c| {
            let is_verified = verified.contains(&c);
            let toggle = move |_| claimed.update(|list| toggle_in(list, c));
            view! {
                <label class="check">
                    <input type="checkbox" id=format!("profile-cat-{}", c.as_str()) disabled=is_verified
                        prop:checked=move || is_verified || claimed.with(|l| l.contains(&c)) on:change=toggle/>
                    {tr(category_key(c))}
                    {move || claim_note(is_verified, claimed.with(|l| l.contains(&c)))}
                </label>
            }
        })
        .collect_view();
    let schedule_boxes = Schedule::ALL
        .iter()
        .map(|&s| {
            view! {
                <label class="check">
                    <input type="checkbox" id=format!("profile-schedule-{}", s.as_str())
                        prop:checked=move || schedules.with(|l| l.contains(&s))
                        on:change=move |_| schedules.update(|list| toggle_in(list, s))/>
                    {tr(schedule_key(s))}
                </label>
            }
        })
        .collect_view();
    let just_saved = move || saved || matches!(save.value().get(), Some(Ok(())));
    let saved = move || match just_saved() && failure.get().is_none() && !pending.get() {
        true => Some(view! {
            <div id="profile-saved" class="success" role="status">
                <p>{tr(Key::ProfileSaved)}</p>
                <a class="button" href="/jobs" id="profile-find-jobs">{tr(Key::NavJobs)}</a>
                <a class="button secondary" href="/for-me" id="profile-for-me">{tr(Key::ForMeTitle)}</a>
            </div>
        }),
        false => None,
    };
    let id_hint = masked.map(|m| view! { <p class="muted" id="profile-id-masked">{tr(Key::IdOnRecord)}" "{m}</p> });

    view! {
        <section class="card">
            {is_new.then(|| view! { <p class="notice">{tr(Key::ProfileIntro)}</p> })}
            <form id="profile-form" on:submit=on_submit>
                <label for="profile-name">{tr(Key::FullName)}</label>
                <input id="profile-name" type="text" maxlength="50" autocomplete="name" bind:value=name/>
                <FieldError error=failure field="name" id="profile-name-error"/>
                <label for="profile-id">{tr(Key::IdNumberLabel)}</label>
                {id_hint}
                <input id="profile-id" type="text" maxlength="18" autocapitalize="characters" bind:value=id_number/>
                <FieldError error=failure field="id_number" id="profile-id-error"/>
                <label for="profile-gender">{tr(Key::GenderLabel)}</label>
                <select id="profile-gender" on:change=move |ev| gender.set(Gender::parse(&event_target_value(&ev)).unwrap_or(Gender::Female))>
                    <option value="female" prop:selected=move || gender.get() == Gender::Female>{tr(Key::GenderFemale)}</option>
                    <option value="male" prop:selected=move || gender.get() == Gender::Male>{tr(Key::GenderMale)}</option>
                </select>
                <label for="profile-birth-year">{tr(Key::BirthYearLabel)}</label>
                <input id="profile-birth-year" type="number" inputmode="numeric" min="1900" bind:value=birth_year/>
                <FieldError error=failure field="birth_year" id="profile-birth-year-error"/>
                <RegionPicker code=home id="profile-home" label=Key::HomeLabel required=true/>
                <FieldError error=failure field="home_region" id="profile-home-error"/>
                <MyLocation point=home_point id="profile-location"/>
                <FieldError error=failure field="home_lat" id="profile-location-error"/>
                <SkillPicker selected=chosen id="profile-skills" label=Key::MySkills/>
                <FieldError error=failure field="skills" id="profile-skills-error"/>
                <fieldset id="profile-categories">
                    <legend>{tr(Key::CategoriesLabel)}</legend>
                    <p class="muted">{tr(Key::CategoriesHint)}</p>
                    {category_boxes}
                </fieldset>
                <label for="profile-grade">{tr(Key::DisabilityGradeLabel)}</label>
                <input id="profile-grade" type="number" inputmode="numeric" min="1" max="4" bind:value=grade/>
                <FieldError error=failure field="disability_grade" id="profile-grade-error"/>
                <fieldset id="profile-schedules">
                    <legend>{tr(Key::ScheduleLabel)}</legend>
                    {schedule_boxes}
                </fieldset>
                <label for="profile-commute">{tr(Key::CommuteKmLabel)}</label>
                <input id="profile-commute" type="number" inputmode="numeric" min="1" bind:value=commute/>
                <FieldError error=failure field="preferences.max_commute_km" id="profile-commute-error"/>
                <label for="profile-min-wage">{tr(Key::MinWage)}</label>
                <input id="profile-min-wage" type="number" inputmode="numeric" min="0" step="100" bind:value=min_wage/>
                <FieldError error=failure field="preferences.min_wage" id="profile-min-wage-error"/>
                <label class="check"><input id="profile-relocate" type="checkbox" bind:checked=relocate/>{tr(Key::WillRelocate)}</label>
                <label class="check"><input id="profile-accessible" type="checkbox" bind:checked=accessible/>{tr(Key::AccessibleOnly)}</label>
                <label class="check"><input id="profile-consent" type="checkbox" bind:checked=consent/>{tr(Key::ConsentLabel)}</label>
                <label class="check"><input id="profile-no-sms" type="checkbox" bind:checked=no_sms/>{tr(Key::NoSmsLabel)}</label>
                {move || failure.get().map(|error| view! { <ErrorView error id="profile-error"/> })}
                <button id="profile-save" type="submit" disabled=move || pending.get()>
                    {move || i18n.t(if pending.get() { Key::Submitting } else { Key::SaveProfile })}
                </button>
            </form>
            {saved}
        </section>
    }
}

/// "已核实" beside a verified category, "待核实" beside a claim.
fn claim_note(verified: bool, claimed: bool) -> Option<AnyView> {
    let key = match (verified, claimed) {
        (true, _) => Key::CategoryVerified,
        (false, true) => Key::CategoryClaimed,
        (false, false) => return None,
    };
    Some(view! { <span class="tag">{tr(key)}</span> }.into_any())
}

/// Adds `item` to `list`, or takes it out if it is there.
fn toggle_in<T: PartialEq>(list: &mut Vec<T>, item: T) {
    match list.iter().position(|x| *x == item) {
        Some(at) => {
            list.remove(at);
        }
        None => list.push(item),
    }
}

/// An empty profile for a seeker filling it in the first time.
fn blank() -> PersonResponse {
    PersonResponse {
        id: 0,
        name: String::new(),
        id_number_masked: String::new(),
        phone: String::new(),
        gender: Gender::Female,
        birth_year: 0,
        home_region: String::new(),
        home_region_official_code: String::new(),
        home_region_name: String::new(),
        home_lat: None,
        home_lon: None,
        categories: Vec::new(),
        claimed_categories: Vec::new(),
        disability_grade: None,
        skills: Vec::new(),
        certified_skills: Vec::new(),
        preferences: Preferences::default(),
        consent_to_share: false,
        sms_opt_out: false,
        created_at: 0,
        updated_at: 0,
    }
}
