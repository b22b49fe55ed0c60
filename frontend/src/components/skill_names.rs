//! Skills shown as names, from the names the response carries (no catalogue download).

use doorstep_shared::api::SkillName;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Shows skills as tags, named in the current language.
#[component]
pub fn SkillNames(
    /// The skills with their names, as the response gives them.
    skills: Vec<SkillName>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        skills
            .iter()
            .map(|skill| {
                let name = i18n.pick(&skill.name_zh, &skill.name_en).to_string();
                view! { <span class="tag" data-code=skill.code.clone()>{name}</span> }
            })
            .collect_view()
    }
}
