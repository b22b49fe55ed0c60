//! The course form, for a new course and for changing one: title, provider
//! and its kind, description, owning region (region picker), the skills it
//! certifies (skill picker), hours, subsidy and who may enrol.

use doorstep_shared::api::{AssistanceCategory, Course, CourseRequest, ProviderKind, SkillResponse};
use leptos::prelude::*;

use super::words::provider_kind_key;
use crate::api::ApiError;
use crate::components::{ErrorView, FieldError, RegionPicker, SkillPicker};
use crate::format::parse_u32;
use crate::i18n::{category_key, tr, Key};

/// The form, filled from `current` when changing a course; `save` sends what it holds.
#[component]
pub fn CourseForm(
    /// The course being changed, or `None` for a new one.
    current: Option<Course>,
    /// Sends the request; its last value is shown (failure beside the fields).
    save: Action<CourseRequest, Result<(), ApiError>>,
    /// The submit button's words.
    button: Key,
) -> impl IntoView {
    let c = current.as_ref();
    let title = RwSignal::new(c.map(|c| c.title.clone()).unwrap_or_default());
    let provider = RwSignal::new(c.map(|c| c.provider.clone()).unwrap_or_default());
    let kind = RwSignal::new(c.map_or(ProviderKind::School, |c| c.provider_kind));
    let description = RwSignal::new(c.map(|c| c.description.clone()).unwrap_or_default());
    let region = RwSignal::new(c.map(|c| c.region_code.clone()).unwrap_or_default());
    let skills = RwSignal::new(c.map(|c| c.skill_names.iter().map(|s| picked(&s.code, &s.name_zh, &s.name_en)).collect::<Vec<_>>()).unwrap_or_default());
    let hours = RwSignal::new(c.map(|c| c.hours.to_string()).unwrap_or_default());
    let subsidy = RwSignal::new(c.map(|c| c.subsidy_yuan.to_string()).unwrap_or_default());
    let categories = RwSignal::new(c.map(|c| c.categories.clone()).unwrap_or_default());

    let error = crate::components::last_failure(save);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.dispatch_local(CourseRequest {
            title: title.get_untracked(),
            provider: provider.get_untracked(),
            provider_kind: kind.get_untracked(),
            description: description.get_untracked(),
            region_code: region.get_untracked(),
            skills: skills.get_untracked().into_iter().map(|s: SkillResponse| s.code).collect(),
            hours: parse_u32(&hours.get_untracked()).unwrap_or_default(),
            subsidy_yuan: parse_u32(&subsidy.get_untracked()).unwrap_or_default(),
            categories: categories.get_untracked(),
        });
    };
    let kinds = ProviderKind::ALL
        .iter()
        .map(|&k| view! { <option value=k.as_str() prop:selected=move || kind.get() == k>{tr(provider_kind_key(k))}</option> })
        .collect_view();
    let category_boxes = AssistanceCategory::ALL
        .iter()
        .map(|&category| {
            let toggle = move |_| {
                categories.update(|chosen| {
                    if let Some(at) = chosen.iter().position(|c| *c == category) {
                        chosen.remove(at);
                    } else {
                        chosen.push(category);
                    }
                });
            };
            view! {
                <label class="check">
                    <input type="checkbox" id=format!("course-cat-{}", category.as_str())
                        prop:checked=move || categories.get().contains(&category) on:change=toggle/>
                    {tr(category_key(category))}
                </label>
            }
        })
        .collect_view();
    let pending = save.pending();
    view! {
        <form id="course-form" on:submit=on_submit>
            <label for="course-title">{tr(Key::TrCourseTitle)}</label>
            <input id="course-title" type="text" bind:value=title/>
            <FieldError error field="title" id="course-title-error"/>
            <label for="course-provider">{tr(Key::TrProvider)}</label>
            <input id="course-provider" type="text" bind:value=provider/>
            <FieldError error field="provider" id="course-provider-error"/>
            <label for="course-kind">{tr(Key::TrProviderKind)}</label>
            <select id="course-kind" on:change=move |ev| kind.set(ProviderKind::parse(&event_target_value(&ev)).unwrap_or(ProviderKind::School))>
                {kinds}
            </select>
            <label for="course-description">{tr(Key::TrDescription)}</label>
            <textarea id="course-description" rows="3" bind:value=description></textarea>
            <RegionPicker code=region id="course-region" label=Key::TrCourseRegion/>
            <FieldError error field="region_code" id="course-region-error"/>
            <SkillPicker selected=skills id="course-skills" label=Key::TrCertifies/>
            <FieldError error field="skills" id="course-skills-error"/>
            <div class="pair">
                <div>
                    <label for="course-hours">{tr(Key::TrHoursLabel)}</label>
                    <input id="course-hours" type="number" inputmode="numeric" min="1" bind:value=hours/>
                </div>
                <div>
                    <label for="course-subsidy">{tr(Key::TrSubsidyLabel)}</label>
                    <input id="course-subsidy" type="number" inputmode="numeric" min="0" bind:value=subsidy/>
                </div>
            </div>
            <FieldError error field="hours" id="course-hours-error"/>
            <FieldError error field="subsidy_yuan" id="course-subsidy-error"/>
            <fieldset id="course-categories">
                <legend>{tr(Key::TrEligibility)}</legend>
                <p class="muted">{tr(Key::TrEligibilityHint)}</p>
                {category_boxes}
            </fieldset>
            {move || error.get().map(|error| view! { <ErrorView error id="course-error"/> })}
            <button id="course-save" type="submit" class="wide" disabled=move || pending.get()>{tr(button)}</button>
        </form>
    }
}

/// A chosen skill as the picker holds it, from the names a course carries.
fn picked(code: &str, name_zh: &str, name_en: &str) -> SkillResponse {
    SkillResponse {
        code: code.to_string(),
        trade: String::new(),
        name_zh: name_zh.to_string(),
        name_en: name_en.to_string(),
        synonyms_zh: Vec::new(),
        synonyms_en: Vec::new(),
        occupation_code: None,
        occupation_terms: Vec::new(),
    }
}
