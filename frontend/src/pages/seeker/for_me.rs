//! "为我推荐 / Jobs for me": the postings that fit a seeker, with plain
//! reasons. A seeker with a profile starts from it (skills, home,
//! preferences) and may change the details for one search; anyone else gives
//! a few details, remembered on the phone.

use doorstep_shared::api::{MatchFit, MatchRequest, PersonResponse, PhysicalDemand, Role, Schedule, SkillResponse};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api;
use crate::components::{applied_to, empty, my_applied, section, Async, MatchCard, RegionPicker, SkillPicker};
use crate::format::parse_u32;
use crate::i18n::{tr, trf, Key};
use crate::state::{load_json, store_json, use_session};

/// Where the details are remembered between visits.
const PROFILE_KEY: &str = "doorstep.for-me";

/// Commute choices in km; 0 means "will move for work".
const COMMUTES: [u32; 5] = [5, 10, 30, 50, 0];

/// What the seeker told us, as remembered in `localStorage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Profile {
    skills: Vec<SkillResponse>,
    region: String,
    max_commute_km: u32,
    min_wage: Option<u32>,
    needs_accessible: bool,
    #[serde(default)]
    schedules: Vec<Schedule>,
}

impl Profile {
    /// The details of a registered profile, its skill codes named from `catalog`.
    fn registered(person: &PersonResponse, catalog: Vec<SkillResponse>) -> Self {
        let prefs = &person.preferences;
        Self {
            skills: catalog.into_iter().filter(|s| person.skills.contains(&s.code)).collect(),
            region: person.home_region.clone(),
            max_commute_km: if prefs.willing_to_relocate { 0 } else { prefs.max_commute_km },
            min_wage: prefs.min_wage,
            needs_accessible: prefs.needs_accessible,
            schedules: prefs.schedules.clone(),
        }
    }

    fn request(&self) -> MatchRequest {
        let relocate = self.max_commute_km == 0;
        MatchRequest {
            skills: self.skills.iter().map(|s| s.code.clone()).collect(),
            text: None,
            region_code: (!self.region.is_empty()).then(|| self.region.clone()),
            lat: None,
            lon: None,
            datum: Default::default(),
            max_commute_km: if relocate { 30.0 } else { f64::from(self.max_commute_km) },
            willing_to_relocate: relocate,
            schedules: (!self.schedules.is_empty()).then(|| self.schedules.clone()),
            min_wage: self.min_wage,
            needs_accessible: self.needs_accessible,
            max_physical_demand: PhysicalDemand::Heavy,
            limit: 20,
        }
    }
}

/// Starts from the registered profile of a seeker who has one, else from the
/// details remembered on this phone.
#[component]
pub fn JobsForMePage() -> impl IntoView {
    // Untracked: the page is rebuilt anyway when the session changes.
    let registered = use_session().me.get_untracked().and_then(Result::ok).flatten().is_some_and(|u| u.role == Role::Seeker && u.person_id.is_some());
    if !registered {
        return view! { <ForMe stored=load_json(PROFILE_KEY) remember=true/> }.into_any();
    }
    let person = LocalResource::new(api::get_profile);
    let catalog = LocalResource::new(|| api::search_skills(""));
    let load = move || {
        section(async move {
            let catalog = catalog.await.unwrap_or_default();
            person.await.map(|person| {
                let stored = Some(Profile::registered(&person, catalog));
                view! { <ForMe stored remember=false/> }.into_any()
            })
        })
    };
    view! { <Async load/> }.into_any()
}

/// The details form (folded away once filled in) and the matches. Details
/// typed here are remembered on the phone only when `remember`; a registered
/// seeker's changes last for this search (their profile stays as it is).
#[component]
fn ForMe(stored: Option<Profile>, remember: bool) -> impl IntoView {
    let from_profile = !remember && stored.is_some();
    let editing = RwSignal::new(stored.is_none());
    let skills = RwSignal::new(stored.as_ref().map(|p| p.skills.clone()).unwrap_or_default());
    let region = RwSignal::new(stored.as_ref().map(|p| p.region.clone()).unwrap_or_default());
    let commute = RwSignal::new(stored.as_ref().map_or(30, |p| p.max_commute_km).to_string());
    let min_wage = RwSignal::new(stored.as_ref().and_then(|p| p.min_wage).map(|w| w.to_string()).unwrap_or_default());
    let accessible = RwSignal::new(stored.as_ref().is_some_and(|p| p.needs_accessible));
    // The details last submitted; the matches follow them.
    let profile = RwSignal::new(stored);
    let matches = LocalResource::new(move || {
        let profile = profile.get();
        async move {
            match profile {
                Some(profile) => api::match_postings(&profile.request()).await.map(Some),
                None => Ok(None),
            }
        }
    });

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let submitted = Profile {
            skills: skills.get_untracked(),
            region: region.get_untracked(),
            max_commute_km: parse_u32(&commute.get_untracked()).unwrap_or(30),
            min_wage: parse_u32(&min_wage.get_untracked()),
            needs_accessible: accessible.get_untracked(),
            schedules: profile.with_untracked(|p| p.as_ref().map(|p| p.schedules.clone()).unwrap_or_default()),
        };
        if remember {
            store_json(PROFILE_KEY, &submitted);
        }
        profile.set(Some(submitted));
        editing.set(false);
    };

    let commute_options = move || {
        COMMUTES
            .iter()
            .map(|&km| {
                let label = if km == 0 { trf(Key::AnyDistance, Vec::new()) } else { trf(Key::KmN, vec![("km", km.to_string())]) };
                view! { <option value=km.to_string() prop:selected=move || commute.get() == km.to_string()>{label}</option> }
            })
            .collect_view()
    };

    let applied = my_applied();
    let results = move || {
        section(async move {
            matches.await.map(|found| {
                let section = match found {
                    None => None,
                    Some(found) if found.matches.is_empty() => Some(empty("for-me-empty", Key::NoMatches)),
                    Some(found) => {
                        // Real matches first; what meets none of the asked
                        // skills comes apart, under its own heading, never mixed in.
                        let (real, other): (Vec<_>, Vec<_>) = found.matches.into_iter().partition(|m| m.fit == MatchFit::Match);
                        let cards = |items: Vec<_>| {
                            items
                                .into_iter()
                                .map(|item: doorstep_shared::api::MatchItem| view! { <MatchCard applied=applied_to(applied, item.posting_id) item/> })
                                .collect_view()
                        };
                        let real = if real.is_empty() {
                            empty("for-me-empty", Key::NoMatches)
                        } else {
                            view! { <div class="list" id="for-me-results">{cards(real)}</div> }.into_any()
                        };
                        let other = (!other.is_empty()).then(|| {
                            view! {
                                <section id="for-me-other">
                                    <h2>{tr(Key::OtherJobsNearby)}</h2>
                                    <div class="list">{cards(other)}</div>
                                </section>
                            }
                        });
                        Some(view! { {real}{other} }.into_any())
                    }
                };
                section.into_any()
            })
        })
    };

    let source = from_profile.then(|| {
        view! {
            <p class="muted" id="for-me-from-profile">
                {tr(Key::ForMeFromProfile)}" "<a href="/profile">{tr(Key::ProfileTitle)}</a>
            </p>
        }
    });
    view! {
        <section class="card">
            <h1>{tr(Key::ForMeTitle)}</h1>
            {source}
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <button id="for-me-edit" type="button" class="secondary wide" on:click=move |_| editing.set(true)>
                        {tr(Key::ChangeDetails)}
                    </button>
                }
            >
                <p>{tr(Key::ForMeIntro)}</p>
                <form id="for-me-form" on:submit=on_submit>
                    <SkillPicker selected=skills id="for-me-skills" label=Key::Skills/>
                    <RegionPicker code=region id="for-me-region" label=Key::HomeRegion/>
                    <label for="for-me-commute">{tr(Key::MaxCommute)}</label>
                    <select id="for-me-commute" on:change=move |ev| commute.set(event_target_value(&ev))>
                        {commute_options}
                    </select>
                    <label for="for-me-min-wage">{tr(Key::MinWage)}</label>
                    <input id="for-me-min-wage" type="number" inputmode="numeric" min="0" step="100" bind:value=min_wage/>
                    <label class="check">
                        <input id="for-me-accessible" type="checkbox" bind:checked=accessible/>
                        {tr(Key::NeedsAccessible)}
                    </label>
                    <button id="for-me-submit" type="submit">{tr(Key::FindMatches)}</button>
                </form>
            </Show>
        </section>
        <Async load=results/>
    }
}
