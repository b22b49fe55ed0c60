//! Choose skills by typing everyday words ("做衣服" finds sewing) and tapping a suggestion.

use doorstep_shared::api::SkillResponse;
use leptos::prelude::*;

use super::typing::TypedQuery;
use crate::api;
use crate::i18n::{pick, tr, Key};

/// Most suggestions shown at once: enough on a small screen.
const MAX_SUGGESTIONS: usize = 6;

/// A search box with tappable suggestions, and the chosen skills as removable chips.
/// Ids: `{id}-q` (box), `{id}-options` (suggestions, each `.skill-option`), `{id}-chosen` (chips).
#[component]
pub fn SkillPicker(
    /// The skills chosen so far.
    selected: RwSignal<Vec<SkillResponse>>,
    /// Prefix of the element ids.
    id: &'static str,
    /// The label above the box.
    label: Key,
) -> impl IntoView {
    // Asks the server only once typing pauses, to spare slow mobile data.
    let typed = TypedQuery::new();
    let (text, query) = (typed.text, typed.settled);
    let found = LocalResource::new(move || {
        let q = query.get();
        async move {
            if q.trim().is_empty() {
                Ok(Vec::new())
            } else {
                api::search_skills(&q).await
            }
        }
    });
    let on_input = move |event| typed.input(event_target_value(&event));
    let choose = move |skill: SkillResponse| {
        selected.update(|chosen| {
            if !chosen.iter().any(|s| s.code == skill.code) {
                chosen.push(skill);
            }
        });
        typed.clear();
    };
    // Enter picks the first suggestion instead of submitting the surrounding form.
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" {
            event.prevent_default();
            if let Some(first) = found.get_untracked().and_then(Result::ok).and_then(|s| s.into_iter().next()) {
                choose(first);
            }
        }
    };

    let suggestions = move || {
        let skills = found.get()?.ok()?;
        if query.get().trim().is_empty() {
            return None;
        }
        if skills.is_empty() {
            return Some(view! { <p class="muted">{tr(Key::SkillNoneFound)}</p> }.into_any());
        }
        let buttons = skills
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|skill| {
                let option_id = format!("{id}-option-{}", skill.code);

                view! {
                    <button type="button" class="skill-option secondary" id=option_id
                        on:click=move |_| choose(skill.clone())>
                        "+ "{pick(skill.name_zh.clone(), skill.name_en.clone())}
                    </button>
                }
            })
            .collect_view();
        Some(view! { <div class="options" id=format!("{id}-options")>{buttons}</div> }.into_any())
    };

    let chips = move || {
        selected
            .get()
            .into_iter()
            .map(|skill| {
                let code = skill.code.clone();
                view! {
                    <li>
                        <button type="button" class="chip" data-code=skill.code.clone()
                            title=tr(Key::SkillRemove)
                            on:click=move |_| selected.update(|chosen| chosen.retain(|s| s.code != code))>
                            {pick(skill.name_zh, skill.name_en)}" ✕"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <label for=format!("{id}-q")>{tr(label)}</label>
        <ul class="chips" id=format!("{id}-chosen")>{chips}</ul>
        <input id=format!("{id}-q") type="search" autocomplete="off" enterkeyhint="done"
            placeholder=tr(Key::SkillsHint)
            prop:value=move || text.get() on:input=on_input on:keydown=on_keydown/>
        {suggestions}
    }
}
