//! Choose a place in Ankang: a county, then (optionally) a town.

use doorstep_shared::api::RegionResponse;
use leptos::prelude::*;

use crate::api;
use crate::i18n::{tr, Key};

/// The city whose counties the picker offers: Ankang.
const CITY: &str = "6109";

/// Two drop-downs, county then town. The chosen code is the town's, else the
/// county's, else empty. Ids: `{id}-county`, `{id}-town`.
#[component]
pub fn RegionPicker(
    /// The chosen region code.
    code: RwSignal<String>,
    /// Prefix of the element ids.
    id: &'static str,
    /// The label above the pickers.
    label: Key,
    /// Whether a town must be chosen (a work site); otherwise "all" is offered.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let initial = code.get_untracked();
    let county = RwSignal::new(initial.get(..6).unwrap_or_default().to_string());
    let counties = RwSignal::new(Vec::new());
    let towns = RwSignal::new(Vec::new());
    // Plain signals filled when the places arrive, not resources: a resource
    // read under the page's `Transition` would hold the whole page (a job
    // search's results) until the places came.
    fill(counties, CITY.to_string(), move || true);
    Effect::new(move || {
        let chosen = county.get();
        towns.set(Vec::new());
        if !chosen.is_empty() {
            // A slow answer for a county no longer chosen is dropped.
            let asked = chosen.clone();
            fill(towns, chosen, move || county.try_get_untracked().as_ref() == Some(&asked));
        }
    });
    let on_county = move |event| {
        let value = event_target_value(&event);
        county.set(value.clone());
        code.set(value);
    };
    let on_town = move |event| {
        let value = event_target_value(&event);
        code.set(if value.is_empty() { county.get_untracked() } else { value });
    };
    let placeholder = move |any: Key| if required { Key::PickPlace } else { any };

    let county_options = move || {
        counties
            .get()
            .into_iter()
            .map(|region| {
                let value = region.code.clone();
                view! { <option value=region.code prop:selected=move || county.get() == value>{region.name}</option> }
            })
            .collect_view()
    };
    let town_options = move || {
        towns
            .get()
            .into_iter()
            .map(|region| {
                let value = region.code.clone();
                view! { <option value=region.code prop:selected=move || code.get() == value>{region.name}</option> }
            })
            .collect_view()
    };

    view! {
        <fieldset class="region-picker">
            <legend>{tr(label)}</legend>
            <label for=format!("{id}-county") class="sub">{tr(Key::County)}</label>
            <select id=format!("{id}-county") on:change=on_county>
                <option value="">{tr(placeholder(Key::AnyCounty))}</option>
                {county_options}
            </select>
            <Show when=move || !county.get().is_empty()>
                <label for=format!("{id}-town") class="sub">{tr(Key::Town)}</label>
                <select id=format!("{id}-town") on:change=on_town>
                    <option value="">{tr(placeholder(Key::AnyTown))}</option>
                    {town_options}
                </select>
            </Show>
        </fieldset>
    }
}

/// Fetches the children of `parent` into `places`, if `still_wanted` when they
/// arrive. A failure leaves the list empty: the picker then offers "all" (or
/// nothing to choose), and the form around it still works.
fn fill(places: RwSignal<Vec<RegionResponse>>, parent: String, still_wanted: impl Fn() -> bool + 'static) {
    leptos::task::spawn_local(async move {
        if let Ok(found) = api::child_regions(&parent).await {
            if still_wanted() {
                places.set(found);
            }
        }
    });
}
