//! The app shell: language, session and skills-catalog contexts, header, the
//! route table and the bottom navigation. Every page waits behind [`Gate`]
//! for the first `/me` answer; pages that need a user get the login form instead.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{AppHeader, ErrorView, Loading, NavBar, SkillCatalog};
use crate::i18n::I18n;
use crate::pages::{
    HomePage, InboxPage, JobSearchPage, JobsForMePage, LoginPage, ManagePostingPage,
    MyApplicationsPage, MyPostingsPage, NotFound, PlacementsPage, PostJobPage, PostingPage,
    ProfilePage, ReferPage, RegisterPage, ReviewPage,
};
use crate::state::{use_session, Session};
use doorstep_shared::api::ErrorCode;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    I18n::provide();
    Session::provide();
    SkillCatalog::provide();
    view! {
        <Router>
            <AppHeader/>
            <main>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Start/>
                    <Route path=path!("/for-me") view=|| view! { <Gate public=true><JobsForMePage/></Gate> }/>
                    <Route path=path!("/jobs") view=|| view! { <Gate public=true><JobSearchPage/></Gate> }/>
                    <Route path=path!("/postings/:id") view=|| view! { <Gate public=true><PostingPage/></Gate> }/>
                    <Route path=path!("/my-applications") view=|| view! { <Gate><MyApplicationsPage/></Gate> }/>
                    <Route path=path!("/inbox") view=|| view! { <Gate><InboxPage/></Gate> }/>
                    <Route path=path!("/post") view=|| view! { <Gate><PostJobPage/></Gate> }/>
                    <Route path=path!("/my-postings") view=|| view! { <Gate><MyPostingsPage/></Gate> }/>
                    <Route path=path!("/manage/:id") view=|| view! { <Gate><ManagePostingPage/></Gate> }/>
                    <Route path=path!("/review") view=|| view! { <Gate><ReviewPage/></Gate> }/>
                    <Route path=path!("/refer") view=|| view! { <Gate><ReferPage/></Gate> }/>
                    <Route path=path!("/placements") view=|| view! { <Gate><PlacementsPage/></Gate> }/>
                    <Route path=path!("/register") view=|| view! { <Gate public=true><RegisterPage/></Gate> }/>
                    <Route path=path!("/profile") view=|| view! { <Gate><ProfilePage/></Gate> }/>
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

/// Shows a page once the first `/me` answer is in. Pages that need a user
/// show the login form to visitors instead; after logging in, the page appears.
#[component]
fn Gate(
    /// Whether visitors without a session may see the page.
    #[prop(optional)]
    public: bool,
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    view! {
        <Transition fallback=Loading>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let answer = session.me.await;
                    announce_ready();
                    match answer {
                        Ok(_) => children().into_any(),
                        Err(_) if public => children().into_any(),
                        Err(error) if error.code() == Some(ErrorCode::Unauthenticated) => {
                            view! { <LoginPage/> }.into_any()
                        }
                        Err(error) => view! { <ErrorView error/> <LoginPage/> }.into_any(),
                    }
                })
            }}
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
