//! A matched posting with the reasons it fits.

use doorstep_shared::api::{ApplicationStatus, MatchItem};
use leptos::prelude::*;

use crate::components::{Apart, AppliedMark, ReasonList};
use crate::i18n::{schedule_key, tr, trf, Key};

/// Shows one match: title (opening the posting), employer, wage, distance and reasons.
#[component]
pub fn MatchCard(
    /// The match.
    item: MatchItem,
    /// Where the seeker's application to it stands, when they applied; read as it changes.
    #[prop(into, optional)]
    applied: Signal<Option<ApplicationStatus>>,
) -> impl IntoView {
    let id = item.posting_id;
    let applied = move || applied.get().map(|status| view! { <AppliedMark id status/> });
    let (wage_min, wage_max) = (item.wage_min, item.wage_max);
    let schedule = item.schedule;
    let apart = view! { <Apart distance_km=item.distance_km nearness=item.nearness/> };
    let wage = trf(Key::WageRange, vec![("min", wage_min.to_string()), ("max", wage_max.to_string())]);
    view! {
        <article class="posting-card match-card" id=format!("match-{id}") data-id=id>
            <h2><a href=format!("/postings/{id}")>{item.title}</a></h2>
            {applied}
            <p class="employer">{item.employer}</p>
            <p class="place">{item.region_name}</p>
            <p class="wage">{wage}</p>
            <p class="facts">{tr(schedule_key(schedule))}{apart}</p>
            <ReasonList reasons=item.reasons/>
        </article>
    }
}
