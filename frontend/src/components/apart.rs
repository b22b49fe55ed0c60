//! How far a site is from home: kilometres when both are real points, else
//! the administrative relation (同镇, 同县…), never a made-up "0.0 公里".

use doorstep_shared::api::Nearness;
use leptos::prelude::*;

use crate::format::km;
use crate::i18n::{nearness_key, tr, trf, Key};

/// Shows " · 离家 3.2 公里" or " · 同镇", or nothing when neither is known.
#[component]
pub fn Apart(
    /// Km, only when both ends are real points.
    distance_km: Option<f64>,
    /// The relation, when known.
    nearness: Option<Nearness>,
) -> impl IntoView {
    match (distance_km, nearness) {
        (Some(d), _) => Some(view! { <span class="distance">" · "{trf(Key::DistanceKm, vec![("km", km(d))])}</span> }.into_any()),
        (None, Some(n)) => Some(view! { <span class="distance nearness">" · "{tr(nearness_key(n))}</span> }.into_any()),
        (None, None) => None,
    }
}
