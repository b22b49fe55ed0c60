//! Where each role can go: a bottom bar on every page and big tiles on the home page.

use doorstep_shared::api::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{tr, Key};
use crate::state::use_session;

/// One destination.
pub struct NavLink {
    /// The route.
    pub href: &'static str,
    /// The element id in the bottom bar (`nav-…`); tiles use `tile-…`.
    pub id: &'static str,
    /// The label.
    pub key: Key,
}

const fn link(href: &'static str, id: &'static str, key: Key) -> NavLink {
    NavLink { href, id, key }
}

const HOME: NavLink = link("/", "home", Key::NavHome);
const VISITOR: &[NavLink] = &[
    link("/for-me", "for-me", Key::NavForMe),
    link("/jobs", "jobs", Key::NavJobs),
    link("/", "home", Key::NavLogin),
];
const SEEKER: &[NavLink] = &[
    link("/for-me", "for-me", Key::NavForMe),
    link("/jobs", "jobs", Key::NavJobs),
    link("/my-applications", "applications", Key::NavApplications),
    link("/inbox", "inbox", Key::NavInbox),
    HOME,
];
const EMPLOYER: &[NavLink] = &[
    link("/post", "post", Key::NavPost),
    link("/my-postings", "postings", Key::NavMyPostings),
    link("/jobs", "jobs", Key::NavJobs),
    HOME,
];
const STAFF: &[NavLink] = &[
    link("/review", "review", Key::NavReview),
    link("/my-postings", "postings", Key::NavPostings),
    link("/refer", "refer", Key::NavRefer),
    link("/placements", "placements", Key::NavPlacements),
    HOME,
];

/// The destinations of a role (`None`: a visitor), most used first.
pub fn nav_links(role: Option<Role>) -> &'static [NavLink] {
    match role {
        None => VISITOR,
        Some(Role::Seeker) => SEEKER,
        Some(Role::Employer) => EMPLOYER,
        Some(Role::Staff | Role::Admin) => STAFF,
    }
}

/// The bar fixed at the bottom of the screen, within thumb's reach; empty until `/me` answers.
#[component]
pub fn NavBar() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let links = move || {
        let role = session.me.get()?.ok().flatten().map(|user| user.role);
        let links = nav_links(role).iter().map(|link| {
            let href = link.href;
            let key = link.key;
            let current = move || {
                let path = location.pathname.get();
                let here = if href == "/" {
                    path == "/"
                } else {
                    path.starts_with(href)
                };
                here.then_some("page")
            };
            view! {
                <a id=format!("nav-{}", link.id) href=href aria-current=current>{tr(key)}</a>
            }
        });
        Some(links.collect_view())
    };
    view! { <nav class="bottom-nav" id="nav">{links}</nav> }
}

/// Big buttons to the role's pages, for the home page.
#[component]
pub fn NavTiles(role: Role) -> impl IntoView {
    let tiles = nav_links(Some(role))
        .iter()
        .filter(|link| link.href != "/")
        .map(|link| {
            let key = link.key;
            view! { <a class="tile" id=format!("tile-{}", link.id) href=link.href>{tr(key)}</a> }
        })
        .collect_view();
    view! { <nav class="tiles">{tiles}</nav> }
}
