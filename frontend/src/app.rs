//! The app shell: language and session contexts, header, and the route table.
//! The only route today is `/`, which shows the home page or the login form
//! depending on the session.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{AppHeader, ErrorView};
use crate::i18n::{use_i18n, I18n, Key};
use crate::pages::{HomePage, LoginPage, NotFound};
use crate::state::{use_session, Session};
use doorstep_shared::api::ErrorCode;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    view! {
        <AppHeader/>
        <main>
            <Router>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Start/>
                </Routes>
            </Router>
        </main>
    }
}

/// Shows the home page to a logged-in user and the login form to everyone else.
#[component]
fn Start() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Transition keeps the current page on screen while a logout re-asks `/me`.
    view! {
        <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Key::Loading)}</p> }>
            {move || Suspend::new(async move {
                let answer = session.me.await;
                announce_ready();
                match answer {
                    Ok(user) => view! { <HomePage user/> }.into_any(),
                    Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {
                        view! { <LoginPage/> }.into_any()
                    }
                    // The server is unreachable or broken: say so, but still offer the form.
                    Err(error) => view! { <ErrorView error/> <LoginPage/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Marks `<body data-app-ready="true">` once the first `/me` answer is on screen,
/// so browser tests know when to start. The zero timeout runs after the
/// Transition has swapped the page into the DOM.
fn announce_ready() {
    set_timeout(
        || {
            if let Some(body) = document().body() {
                let _ = body.set_attribute("data-app-ready", "true");
            }
        },
        Duration::ZERO,
    );
}
