//! The one way a failed API call is shown: a single translated sentence.

use doorstep_shared::api::ErrorCode;
use std::future::Future;

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

/// What a loading section's future yields: its view, or why the call failed.
type Loaded = Result<AnyView, ApiError>;

/// A section that loads: the future's view once it is in, or its failure
/// through [`ErrorView`]. What [`Async`] shows; the failure is matched here
/// rather than thrown to an `ErrorBoundary`, whose machinery would cost the
/// first visit kilobytes.
pub fn section(loaded: impl Future<Output = Loaded> + Send + 'static) -> Suspend<AnyView> {
    Suspend::new(async move {
        match loaded.await {
            Ok(view) => view,
            Err(error) => view! { <ErrorView error/> }.into_any(),
        }
    })
}

/// Shows "loading" until `load` resolves, keeps the previous content on screen
/// while it reloads, and shows a failure through [`ErrorView`]. The suspense
/// machinery is generic over the view it holds; keeping this component
/// non-generic compiles it once for every page, which keeps the wasm small.
#[component]
pub fn Async(
    /// Starts loading and building the section ([`section`] over the section's resources).
    #[prop(into)]
    load: Callback<(), Suspend<AnyView>>,
    /// Set while a reload is in flight and the previous content is still shown.
    #[prop(optional)]
    reloading: Option<RwSignal<bool>>,
) -> impl IntoView {
    let set_pending = SignalSetter::map(move |busy| {
        if let Some(reloading) = reloading {
            reloading.set(busy);
        }
    });
    view! { <Transition fallback=Loading set_pending>{move || load.run(())}</Transition> }
}

/// Says a list is empty, e.g. "no applications yet". One function for every
/// list, so its type-erased view is compiled once.
pub fn empty(id: &'static str, key: Key) -> AnyView {
    view! { <p class="muted" id=id>{tr(key)}</p> }.into_any()
}

/// Tells a seeker who has not filled in their profile yet where to do it;
/// pages that need the profile show this instead.
pub fn not_registered() -> AnyView {
    view! {
        <p class="notice" id="not-registered" role="status">
            {tr(Key::ErrProfileMissing)}" "
            <a href="/profile" id="not-registered-link">{tr(Key::ProfileLink)}</a>
        </p>
    }
    .into_any()
}

/// Shows "loading" while data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="muted">{tr(Key::Loading)}</p> }
}

/// Words every failure in the user's language: the error code decides, never
/// the server's (English) message.
fn message(i18n: I18n, error: &ApiError, login: bool) -> String {
    let key = match error.code() {
        Some(ErrorCode::Unauthenticated) if login => Key::ErrWrongCredentials,
        Some(code) => code_key(code),
        None if *error == ApiError::Network => Key::ErrNetwork,
        None => Key::ErrServer,
    };
    i18n.t(key).to_string()
}

/// The client's words for each error code: `Err` + the code's name. The match
/// has no catch-all, so a new code does not compile until it is worded here,
/// and `tests/api/i18n.rs` checks the strings exist in both languages.
pub fn code_key(code: ErrorCode) -> Key {
    match code {
        ErrorCode::InvalidJson => Key::ErrInvalidJson,
        ErrorCode::InvalidParameter => Key::ErrInvalidParameter,
        ErrorCode::ValidationFailed => Key::ErrValidationFailed,
        ErrorCode::PayloadTooLarge => Key::ErrPayloadTooLarge,
        ErrorCode::UnsupportedMediaType => Key::ErrUnsupportedMediaType,
        ErrorCode::Unauthenticated => Key::ErrUnauthenticated,
        ErrorCode::Forbidden => Key::ErrForbidden,
        ErrorCode::NotFound => Key::ErrNotFound,
        ErrorCode::Conflict => Key::ErrConflict,
        ErrorCode::DuplicatePerson => Key::ErrDuplicatePerson,
        ErrorCode::RateLimited => Key::ErrRateLimited,
        ErrorCode::Internal => Key::ErrInternal,
        ErrorCode::AlreadyApplied => Key::ErrAlreadyApplied,
        ErrorCode::PostingNotOpen => Key::ErrPostingNotOpen,
        ErrorCode::ProfileMissing => Key::ErrProfileMissing,
        ErrorCode::PhoneTaken => Key::ErrPhoneTaken,
        ErrorCode::ChangedMeanwhile => Key::ErrChangedMeanwhile,
        ErrorCode::MoveNotAllowed => Key::ErrMoveNotAllowed,
        ErrorCode::HeadcountReached => Key::ErrHeadcountReached,
        ErrorCode::AlreadyRecorded => Key::ErrAlreadyRecorded,
        ErrorCode::TooEarly => Key::ErrTooEarly,
        ErrorCode::NoConsent => Key::ErrNoConsent,
        ErrorCode::PushRunning => Key::ErrPushRunning,
        ErrorCode::AlreadyEnrolled => Key::ErrAlreadyEnrolled,
        ErrorCode::SessionNotOpen => Key::ErrSessionNotOpen,
        ErrorCode::EnrolmentClosed => Key::ErrEnrolmentClosed,
        ErrorCode::NotEligible => Key::ErrNotEligible,
        ErrorCode::ScheduleClash => Key::ErrScheduleClash,
        ErrorCode::CertificateNotFound => Key::ErrCertificateNotFound,
        ErrorCode::AlreadyCompleted => Key::ErrAlreadyCompleted,
        ErrorCode::SessionNotRunning => Key::ErrSessionNotRunning,
        ErrorCode::OutOfStock => Key::ErrOutOfStock,
        ErrorCode::ProducerNotVerified => Key::ErrProducerNotVerified,
        ErrorCode::IdempotencyKeyReused => Key::ErrIdempotencyKeyReused,
        ErrorCode::NotAnImage => Key::ErrNotAnImage,
        ErrorCode::TooManyImages => Key::ErrTooManyImages,
        ErrorCode::WeakPassword => Key::ErrWeakPassword,
        ErrorCode::WrongCode => Key::ErrWrongCode,
        ErrorCode::MethodNotAllowed => Key::ErrMethodNotAllowed,
        ErrorCode::RequestTimeout => Key::ErrRequestTimeout,
    }
}
