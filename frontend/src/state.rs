//! The session: who is logged in, as the server last told us, and the two
//! actions that change it. `me` is a `LocalResource` over `GET /api/v1/me`, so
//! the first load, a login (which answers with the same `MeResponse`) and a
//! logout (which asks `/me` again) all flow through the one value the app
//! shell renders from. The actions live here, owned by the app rather than by
//! a page, because finishing them swaps the page that started them away.

use doorstep_shared::api::{ErrorCode, LoginRequest, MeResponse, RegisterRequest, Role};
use leptos::prelude::*;

use crate::api::{self, ApiError};

/// The session context; `Copy`, so views capture it freely.
#[derive(Clone, Copy)]
pub struct Session {
    /// The latest answer of `/me` (or of login); `None` until the first one
    /// arrives, then the user, or `Ok(None)` for a visitor without a session.
    pub me: LocalResource<Result<Option<MeResponse>, ApiError>>,
    /// Logs in; its value holds the last failure for the login form to show.
    pub login: Action<LoginRequest, Result<(), ApiError>>,
    /// Signs a seeker up and logs them in; its value holds the last failure for the sign-up form.
    pub register: Action<RegisterRequest, Result<(), ApiError>>,
    /// Logs out; its value holds the last failure for the home page to show.
    pub logout: Action<(), Result<(), ApiError>>,
}

impl Session {
    /// Starts the first `/me` call and provides the context.
    pub fn provide() -> Self {
        let me = LocalResource::new(api::get_me);
        // The login answer already describes the user, so no second trip to `/me`.
        let login = Action::new_local(move |request: &LoginRequest| {
            let request = request.clone();
            async move {
                let user = api::login(&request).await?;
                me.set(Some(Ok(Some(user))));
                Ok::<(), ApiError>(())
            }
        });
        let register = Action::new_local(move |request: &RegisterRequest| {
            let request = request.clone();
            async move {
                api::register(&request).await?;
                // Asked again rather than set here: the sign-up form reads this
                // action's value, and must not be swapped away in the same update.
                me.refetch();
                Ok::<(), ApiError>(())
            }
        });
        let logout = Action::new_local(move |_: &()| async move {
            match api::logout().await {
                Ok(()) => {}
                // The session had already expired: that is what we wanted.
                Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {}
                Err(error) => return Err(error),
            }
            // Show whatever the server now says rather than assuming.
            me.refetch();
            Ok(())
        });
        let session = Self { me, login, register, logout };
        provide_context(session);
        session
    }
}

impl Session {
    /// The logged-in user, tracking the session; `None` while loading or when logged out.
    pub fn user(self) -> Option<MeResponse> {
        self.me.get().and_then(Result::ok).flatten()
    }

    /// Whether a seeker is logged in whose account is not linked to a registered person yet
    /// (untracked: pages are rebuilt anyway when the session changes).
    pub fn unlinked_seeker(self) -> bool {
        let user = self.me.get_untracked().and_then(Result::ok).flatten();
        user.is_some_and(|user| user.role == Role::Seeker && user.person_id.is_none())
    }
}

/// Reads a JSON value remembered in `localStorage`; anything unreadable counts as absent.
pub fn load_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    let text = crate::i18n::storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Remembers a JSON value in `localStorage`, when the browser allows it.
pub fn store_json<T: serde::Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (crate::i18n::storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

/// Returns the session context provided by the app.
pub fn use_session() -> Session {
    expect_context()
}
