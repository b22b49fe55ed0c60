//! Skill codes shown as names, from the skills catalog fetched once per visit.

use doorstep_shared::api::SkillResponse;
use leptos::prelude::*;

use crate::api;
use crate::i18n::use_i18n;

/// The skills catalog, fetched the first time a page shows skill codes and kept after.
#[derive(Clone, Copy)]
pub struct SkillCatalog {
    skills: RwSignal<Option<Vec<SkillResponse>>>,
    asked: StoredValue<bool>,
}

impl SkillCatalog {
    /// Provides the (still empty) catalog context.
    pub fn provide() {
        provide_context(Self { skills: RwSignal::new(None), asked: StoredValue::new(false) });
    }

    /// Starts the one fetch; on failure the codes simply stay codes.
    fn ensure(self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        let skills = self.skills;
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::search_skills("").await {
                skills.set(Some(list));
            }
        });
    }
}

/// Shows skills as tags, named in the current language once the catalog is in.
#[component]
pub fn SkillNames(
    /// Skill codes.
    codes: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog: SkillCatalog = expect_context();
    if !codes.is_empty() {
        catalog.ensure();
    }
    move || {
        codes
            .iter()
            .map(|code| {
                let name = catalog.skills.with(|skills| {
                    skills.iter().flatten().find(|skill| skill.code == *code).map(|skill| i18n.pick(&skill.name_zh, &skill.name_en).to_string())
                });
                view! { <span class="tag">{name.unwrap_or_else(|| code.clone())}</span> }
            })
            .collect_view()
    }
}
