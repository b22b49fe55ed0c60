//! The app shell: language, session and skills-catalog contexts, header, the
//! route table and the bottom navigation. Public pages render at once; pages
//! that need a user wait behind [`Gate`] for the first `/me` answer and get
//! the login form instead. Which page a path shows, and which pages load on
//! first use, is `routes.rs`.

use std::time::Duration;

use leptos::prelude::*;

use crate::components::{AppHeader, ErrorView, Loading, NavBar};
use crate::i18n::I18n;
use crate::location::provide_location;
use crate::pages::{home_page, LoginPage};
use crate::routes::Pages;
use crate::state::{use_session, Session};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    provide_location();
    view! {
        <AppHeader/>
        // `Pages` picks the page from the path (routes.rs).
        <main><Pages/></main>
        <NavBar/>
    }
}

/// Shows the home page to a logged-in user and the login form to everyone else.
#[component]
pub(crate) fn Start() -> impl IntoView {
    let session = use_session();
    // Transition keeps the current page on screen while a logout re-asks `/me`.
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let answer = session.me.await;
                announce_ready();
                match answer {
                    Ok(Some(user)) => home_page(user).await,
                    Ok(None) => view! { <LoginPage/> }.into_any(),
                    // The server is unreachable or broken: say so, but still offer the form.
                    Err(error) => view! { <ErrorView error/> <LoginPage/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Shows a page once the first `/me` answer is in, and again whenever the
/// session changes. Pages that need a user show the login form to visitors
/// instead; after logging in, the page appears. A page marked `at_once`
/// (public, and following the session reactively) renders without waiting,
/// so its own requests start together with `/me`.
#[component]
pub(crate) fn Gate(
    /// Whether visitors without a session may see the page.
    #[prop(optional)]
    public: bool,
    /// Whether the page renders before `/me` answers (implies `public`).
    #[prop(optional)]
    at_once: bool,
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    if at_once {
        Effect::new(move || {
            if session.me.get().is_some() {
                announce_ready();
            }
        });
        return children().into_any();
    }
    view! {
        <Transition fallback=Loading>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let answer = session.me.await;
                    announce_ready();
                    match answer {
                        Ok(Some(_)) => children().into_any(),
                        Ok(None) if public => children().into_any(),
                        Ok(None) => view! { <LoginPage/> }.into_any(),
                        Err(_) if public => children().into_any(),
                        Err(error) => view! { <ErrorView error/> <LoginPage/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
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
