//! A posting in a list: title, employer, wage, place, pattern, and optional actions.

use doorstep_shared::api::{ApplicationStatus, PostingResponse};
use leptos::prelude::*;

use crate::components::{Apart, AppliedMark, PostingStatusBadge};
use crate::i18n::{schedule_key, tr, trf, Key};

/// Shows one posting as a card whose title link covers the card (so a tap
/// anywhere opens it); buttons and fields passed as children sit above it.
#[component]
pub fn PostingCard(
    /// The posting.
    posting: PostingResponse,
    /// Where the title leads; the posting's page by default.
    #[prop(optional)]
    href: Option<String>,
    /// Whether to show the review status and hires (employers and staff).
    #[prop(optional)]
    manage: bool,
    /// Whether to show the full description (staff reviewing).
    #[prop(optional)]
    detailed: bool,
    /// Where the seeker's application to it stands, when they applied; read
    /// as it changes (the seeker's applications may arrive after the list).
    #[prop(into, optional)]
    applied: Signal<Option<ApplicationStatus>>,
    /// Buttons or notes under the facts.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let id = posting.id;
    let href = href.unwrap_or_else(|| format!("/postings/{id}"));
    let (wage_min, wage_max) = (posting.wage_min, posting.wage_max);
    let (hired, headcount) = (posting.hired, posting.headcount);
    let schedule = posting.schedule;
    let status = posting.status;
    let distance = view! { <Apart distance_km=posting.distance_km nearness=posting.nearness/> };
    let accessible = posting.accessible.then(|| view! { <span class="tag">{tr(Key::Accessible)}</span> });
    let housing = posting.accommodation.then(|| view! { <span class="tag">{tr(Key::Accommodation)}</span> });
    let managed = manage.then(|| {
        let hired_of = trf(Key::HiredOf, vec![("hired", hired.to_string()), ("headcount", headcount.to_string())]);
        view! {
            <p class="status-line">
                <PostingStatusBadge status/>
                <span class="hired" id=format!("hired-{id}")>{hired_of}</span>
            </p>
        }
    });
    let note = posting.review_note.filter(|_| manage).map(|note| view! { <p class="note">{tr(Key::ReviewNote)}": "{note.clone()}</p> });
    let wage = trf(Key::WageRange, vec![("min", wage_min.to_string()), ("max", wage_max.to_string())]);
    let applied = move || applied.get().map(|status| view! { <AppliedMark id status/> });
    let description = detailed.then(|| view! { <p class="description">{posting.description}</p> });
    view! {
        <article class="posting-card" id=format!("posting-{id}") data-id=id>
            <h2><a href=href>{posting.title}</a></h2>
            {managed}
            {applied}
            <p class="employer">{posting.employer_name}</p>
            <p class="wage">{wage}</p>
            <p class="facts">{posting.region_name}" · "{tr(schedule_key(schedule))}{distance}</p>
            <p class="tags">{accessible}{housing}</p>
            {description}
            {note}
            {children.map(|children| view! { <div class="card-extra">{children()}</div> })}
        </article>
    }
}
