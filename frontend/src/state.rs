//! The session: who is logged in, as the server last told us, and the login.
//! `me` is a `LocalResource` over `GET /api/v1/me`, so the first load, a
//! login (which answers with the same `MeResponse`), a sign-up and a logout
//! (which ask `/me` again) all flow through the one value the app shell
//! renders from. The login action lives here, owned by the app rather than by
//! the form, because finishing it swaps the form away in the same update.
//! Sign-up and logout ask `/me` again as their last step, so their pages
//! (in the modules loaded on first use) own them.

use doorstep_shared::api::{LoginRequest, MeResponse, Role};
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
        let session = Self { me, login };
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
