//! The one way a failed API call is shown: a single translated sentence.

use doorstep_shared::api::ErrorCode;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, use_i18n, I18n, Key};

/// Shows why a call failed, in the current language.
#[component]
pub fn ErrorView(
    /// The failure to explain.
    error: ApiError,
    /// An element id, so a page can point tests and labels at its message.
    #[prop(optional)]
    id: Option<&'static str>,
    /// Whether this answers a login attempt, where `Unauthenticated` means wrong credentials.
    #[prop(optional)]
    login: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="error" id=id role="alert">{move || message(i18n, &error, login)}</p> }
}

/// The fallback of every `ErrorBoundary` around loaded data: each caught
/// failure through [`ErrorView`].
pub fn show_errors(errors: ArcRwSignal<Errors>) -> impl IntoView {
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                let error = error
                    .downcast_ref::<ApiError>()
                    .cloned()
                    .unwrap_or(ApiError::Decode);
                view! { <ErrorView error/> }
            })
            .collect_view()
    }
}

/// What a loading section shows once its data is in: a view, or why the call failed.
type Loaded = Result<AnyView, ApiError>;

/// Shows "loading" until `load` resolves, keeps the previous content on screen
/// while it reloads, and shows a failure through [`ErrorView`]. The suspense
/// machinery is generic over the view it holds; keeping this component
/// non-generic compiles it once for every page, which keeps the wasm small.
#[component]
pub fn Async(
    /// Starts loading and building the section (a `Suspend` over the section's resources).
    #[prop(into)]
    load: Callback<(), Suspend<Loaded>>,
    /// Set while a reload is in flight and the previous content is still shown.
    #[prop(optional)]
    reloading: Option<RwSignal<bool>>,
) -> impl IntoView {
    let set_pending = SignalSetter::map(move |busy| {
        if let Some(reloading) = reloading {
            reloading.set(busy);
        }
    });
    view! {
        <Transition fallback=Loading set_pending>
            <ErrorBoundary fallback=show_errors>{move || load.run(())}</ErrorBoundary>
        </Transition>
    }
}

/// Says a list is empty, e.g. "no applications yet". One function for every
/// list, so its type-erased view is compiled once.
pub fn empty(id: &'static str, key: Key) -> AnyView {
    view! { <p class="muted" id=id>{tr(key)}</p> }.into_any()
}

/// Tells a seeker whose account civil-affairs staff have not linked to the
/// registry yet where to go; pages that need the link show it instead.
pub fn not_registered() -> AnyView {
    view! { <p class="notice" id="not-registered" role="status">{tr(Key::ErrNotRegistered)}</p> }
        .into_any()
}

/// Shows "loading" while data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted">{tr(Key::Loading)}</p> }
}

/// Translates the failures we know; otherwise falls back to the server's own sentence.
fn message(i18n: I18n, error: &ApiError, login: bool) -> String {
    let key = match error.code() {
        Some(ErrorCode::Unauthenticated) if login => Key::ErrWrongCredentials,
        Some(ErrorCode::Unauthenticated) => Key::ErrNotLoggedIn,
        Some(ErrorCode::RateLimited) => Key::ErrRateLimited,
        Some(ErrorCode::Forbidden) => Key::ErrForbidden,
        Some(ErrorCode::NotFound) => Key::ErrNotFound,
        Some(ErrorCode::Conflict) => {
            let detail = match error {
                ApiError::Server(body) => format!(" ({})", body.message),
                _ => String::new(),
            };
            return format!("{}{detail}", i18n.t(Key::ErrConflict));
        }
        Some(ErrorCode::Internal) => Key::ErrServer,
        Some(
            ErrorCode::ValidationFailed | ErrorCode::InvalidJson | ErrorCode::InvalidParameter,
        ) => {
            let detail = match error {
                ApiError::Server(body) => body.message.as_str(),
                _ => "",
            };
            return format!("{}: {detail}", i18n.t(Key::ErrCheckInput));
        }
        _ => match error {
            ApiError::Server(body) => return body.message.clone(),
            ApiError::Network => Key::ErrNetwork,
            ApiError::Status(_) | ApiError::Decode => Key::ErrServer,
        },
    };
    i18n.t(key).to_string()
}
