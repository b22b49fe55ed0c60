//! The one way a failed API call is shown: a single translated sentence.

use doorstep_shared::api::ErrorCode;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{use_i18n, I18n, Key};

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

/// Translates the failures we know; otherwise falls back to the server's own sentence.
fn message(i18n: I18n, error: &ApiError, login: bool) -> String {
    let key = match error.code() {
        Some(ErrorCode::Unauthenticated) if login => Key::ErrWrongCredentials,
        Some(ErrorCode::Unauthenticated) => Key::ErrNotLoggedIn,
        Some(ErrorCode::RateLimited) => Key::ErrRateLimited,
        Some(ErrorCode::Forbidden) => Key::ErrForbidden,
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
