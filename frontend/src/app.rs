//! The app shell: language, session and skills-catalog contexts, header, the
//! route table and the bottom navigation. Public pages render at once; pages
//! that need a user wait behind [`Gate`] for the first `/me` answer and get
//! the login form instead. The public pages live here; each role's pages
//! are lazy routes (`routes.rs`), loaded on first use.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;

use crate::components::{AppHeader, ErrorView, Loading, NavBar};
use crate::i18n::I18n;
use crate::pages::{HomePage, JobSearchPage, LoginPage, NotFound, PostingPage};
use crate::routes::{Page, PageRoute};
use crate::state::{use_session, Session};

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    view! {
        <Router>
            <AppHeader/>
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Start/>
                    <Route path=path!("/for-me") view={Lazy::<PageRoute<{ Page::ForMe as u8 }>>::new()}/>
                    <Route path=path!("/jobs") view=|| view! { <Gate at_once=true><JobSearchPage/></Gate> }/>
                    <Route path=path!("/postings/:id") view=|| view! { <Gate at_once=true><PostingPage/></Gate> }/>
                    <Route path=path!("/my-applications") view={Lazy::<PageRoute<{ Page::MyApplications as u8 }>>::new()}/>
                    <Route path=path!("/inbox") view={Lazy::<PageRoute<{ Page::Inbox as u8 }>>::new()}/>
                    <Route path=path!("/post") view={Lazy::<PageRoute<{ Page::PostJob as u8 }>>::new()}/>
                    <Route path=path!("/my-postings") view={Lazy::<PageRoute<{ Page::MyPostings as u8 }>>::new()}/>
                    <Route path=path!("/manage/:id") view={Lazy::<PageRoute<{ Page::ManagePosting as u8 }>>::new()}/>
                    <Route path=path!("/review") view={Lazy::<PageRoute<{ Page::Review as u8 }>>::new()}/>
                    <Route path=path!("/refer") view={Lazy::<PageRoute<{ Page::Refer as u8 }>>::new()}/>
                    <Route path=path!("/placements") view={Lazy::<PageRoute<{ Page::Placements as u8 }>>::new()}/>
                    <Route path=path!("/audit") view={Lazy::<PageRoute<{ Page::Audit as u8 }>>::new()}/>
                    <Route path=path!("/priorities") view={Lazy::<PageRoute<{ Page::Priorities as u8 }>>::new()}/>
                    <Route path=path!("/region-points") view={Lazy::<PageRoute<{ Page::RegionPoints as u8 }>>::new()}/>
                    <Route path=path!("/push") view={Lazy::<PageRoute<{ Page::Push as u8 }>>::new()}/>
                    <Route path=path!("/register") view={Lazy::<PageRoute<{ Page::Register as u8 }>>::new()}/>
                    <Route path=path!("/profile") view={Lazy::<PageRoute<{ Page::Profile as u8 }>>::new()}/>
                </Routes>
            </main>
            <NavBar/>
        </Router>
    }
}

/// Shows the home page to a logged-in user and the login form to everyone else.
#[component]
fn Start() -> impl IntoView {
    let session = use_session();
    // Transition keeps the current page on screen while a logout re-asks `/me`.
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let answer = session.me.await;
                announce_ready();
                match answer {
                    Ok(Some(user)) => view! { <HomePage user/> }.into_any(),
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
