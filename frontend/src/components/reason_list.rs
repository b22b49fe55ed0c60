//! Why a posting fits a person (or a person a posting), in the current language.

use doorstep_shared::api::Reason;
use leptos::prelude::*;

use crate::i18n::pick;

/// Lists match reasons as short ticked lines.
#[component]
pub fn ReasonList(reasons: Vec<Reason>) -> impl IntoView {
    (!reasons.is_empty()).then(|| {
        let items = reasons.into_iter().map(|reason| view! { <li>{pick(reason.detail, reason.detail_en)}</li> }).collect_view();
        view! { <ul class="reasons">{items}</ul> }
    })
}
