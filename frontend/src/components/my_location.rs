//! "Use my location": the browser's position (navigator.geolocation, WGS84),
//! asked for only when the person taps, for a seeker's home or the job site an
//! employer stands at. A real point makes distances honest kilometres; without
//! one, a town carries its county's point and only the relation is shown.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::{tr, Key};

/// Why the position could not be had, worded for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// The person (or the browser's settings) refused.
    Denied,
    /// No fix: indoors, GPS off, no network.
    Unavailable,
    TimedOut,
    /// An old browser, or the page is not served over HTTPS.
    Unsupported,
}

impl Failure {
    /// From `GeolocationPositionError.code`: 1 denied, 2 unavailable, 3 timeout.
    fn of_code(code: u16) -> Self {
        match code {
            1 => Self::Denied,
            3 => Self::TimedOut,
            _ => Self::Unavailable,
        }
    }

    fn key(self) -> Key {
        match self {
            Self::Denied => Key::LocationDenied,
            Self::Unavailable => Key::LocationUnavailable,
            Self::TimedOut => Key::LocationTimedOut,
            Self::Unsupported => Key::LocationUnsupported,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Idle,
    Asking,
    Failed(Failure),
}

/// A button that fills `point` (lat, lon) from the browser's position, and a
/// line saying what was found, or why nothing was, and a way to clear it.
#[component]
pub fn MyLocation(
    /// The point, `None` for the region's.
    point: RwSignal<Option<(f64, f64)>>,
    /// Element id prefix.
    id: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(State::Idle);
    let ask = move |_| {
        state.set(State::Asking);
        if let Err(failure) = request_position(point, state) {
            state.set(State::Failed(failure));
        }
    };
    let status = move || match (state.get(), point.get()) {
        (State::Asking, _) => Some(view! { <p class="muted" id=format!("{id}-status") role="status">{tr(Key::LocationAsking)}</p> }.into_any()),
        (State::Failed(f), _) => Some(view! { <p class="error" id=format!("{id}-error") role="alert">{tr(f.key())}</p> }.into_any()),
        (State::Idle, Some(_)) => Some(
            view! {
                <p class="success" id=format!("{id}-status") role="status">
                    {tr(Key::LocationSet)}" "
                    <button type="button" class="link" id=format!("{id}-clear") on:click=move |_| point.set(None)>{tr(Key::LocationClear)}</button>
                </p>
            }
            .into_any(),
        ),
        (State::Idle, None) => Some(view! { <p class="muted" id=format!("{id}-status")>{tr(Key::LocationApproximate)}</p> }.into_any()),
    };
    view! {
        <div class="my-location">
            <button type="button" class="secondary" id=format!("{id}-use") disabled=move || state.get() == State::Asking on:click=ask>
                {tr(Key::UseMyLocation)}
            </button>
            {status}
        </div>
    }
}

/// Asks the browser once; the callbacks set `point` or the failure.
fn request_position(point: RwSignal<Option<(f64, f64)>>, state: RwSignal<State>) -> Result<(), Failure> {
    let window = web_sys::window().ok_or(Failure::Unsupported)?;
    let geolocation = window.navigator().geolocation().map_err(|_| Failure::Unsupported)?;
    let found = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        point.set(Some((coords.latitude(), coords.longitude())));
        state.set(State::Idle);
    });
    let failed = Closure::once_into_js(move |error: JsValue| {
        // Browsers name the class GeolocationPositionError now: read `code` unchecked.
        let code = error.unchecked_ref::<web_sys::PositionError>().code();
        state.set(State::Failed(Failure::of_code(code)));
    });
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(20_000);
    options.set_maximum_age(60_000);
    geolocation
        .get_current_position_with_error_callback_and_options(found.unchecked_ref(), Some(failed.unchecked_ref()), &options)
        .map_err(|_| Failure::Unsupported)
}
