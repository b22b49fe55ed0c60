//! Where each role can go: a bottom bar on every page and big tiles on the home page.

use doorstep_shared::api::Role;
use leptos::prelude::*;

use crate::i18n::{tr, Key};
use crate::location::use_location;
use crate::state::use_session;

/// One destination.
pub struct NavLink {
    /// The route.
    pub href: &'static str,
    /// The element id in the bottom bar (`nav-…`); tiles use `tile-…`.
    pub id: &'static str,
    /// The label.
    pub key: Key,
    /// Other paths under this destination (a posting opened from the search).
    pub also: &'static [&'static str],
}

const fn link(href: &'static str, id: &'static str, key: Key) -> NavLink {
    NavLink { href, id, key, also: &[] }
}

/// A destination that also owns the pages under other paths.
const fn owning(href: &'static str, id: &'static str, key: Key, also: &'static [&'static str]) -> NavLink {
    NavLink { href, id, key, also }
}

impl NavLink {
    /// Whether `path` is this destination or a page under it: `/post` owns
    /// `/post` and `/post/…`, never `/postings/…`.
    pub fn owns(&self, path: &str) -> bool {
        let under = |prefix: &str| match path.strip_prefix(prefix) {
            Some(rest) => rest.is_empty() || rest.starts_with('/') || prefix.ends_with('/'),
            None => false,
        };
        if self.href == "/" {
            return path == "/";
        }
        under(self.href) || self.also.iter().any(|p| under(p))
    }
}

const HOME: NavLink = link("/", "home", Key::NavHome);
/// The job search, which a posting opened from it belongs to.
const JOBS: NavLink = owning("/jobs", "jobs", Key::NavJobs, &["/postings/"]);
/// The shop, which owns a product, the cart, checkout and the buyer's orders.
const SHOP: NavLink = owning("/shop", "shop", Key::NavShop, &["/products/", "/cart", "/checkout", "/orders/", "/my-orders"]);
const VISITOR: &[NavLink] = &[link("/for-me", "for-me", Key::NavForMe), JOBS, SHOP, link("/", "home", Key::NavLogin)];
/// The training platform: its sessions, one opened, and the seeker's own training.
const TRAINING: NavLink = owning("/training", "training", Key::NavTraining, &["/my-training", "/certificates/"]);
const SEEKER: &[NavLink] = &[
    link("/for-me", "for-me", Key::NavForMe),
    JOBS,
    TRAINING,
    link("/my-applications", "applications", Key::NavApplications),
    link("/inbox", "inbox", Key::NavInbox),
    HOME,
];
const EMPLOYER: &[NavLink] = &[link("/post", "post", Key::NavPost), owning("/my-postings", "postings", Key::NavMyPostings, &["/manage/"]), JOBS, SHOP, HOME];
const STAFF_POSTINGS: NavLink = owning("/my-postings", "postings", Key::NavPostings, &["/manage/", "/postings/"]);
const STAFF: &[NavLink] = &[
    link("/review", "review", Key::NavReview),
    STAFF_POSTINGS,
    link("/refer", "refer", Key::NavRefer),
    link("/placements", "placements", Key::NavPlacements),
    // The gazetteer upload is reached from the priorities page: the bar has no room left.
    owning("/priorities", "priorities", Key::NavPriorities, &["/region-points"]),
    link("/push", "push", Key::NavPush),
    HOME,
];
const ADMIN: &[NavLink] = &[
    link("/review", "review", Key::NavReview),
    STAFF_POSTINGS,
    link("/refer", "refer", Key::NavRefer),
    link("/placements", "placements", Key::NavPlacements),
    link("/push", "push", Key::NavPush),
    link("/audit", "audit", Key::NavAudit),
    HOME,
];

/// The dashboard, the follow-up worklist, courses (with their sessions and
/// rosters), the sales platform (producers, orders, figures), imports and the shop:
/// home tiles only, for the staff bar is full.
const STAFF_TILES: &[NavLink] = &[
    link("/dashboard", "dashboard", Key::NavDashboard),
    link("/follow-ups", "follow-ups", Key::NavFollowUps),
    owning("/courses", "courses", Key::NavCourses, &["/training-sessions/"]),
    link("/producers", "sales", Key::NavSales),
    link("/imports", "imports", Key::NavImports),
    SHOP,
];
/// A producer's products and orders, for the accounts that act for one.
const MY_SHOP: NavLink = link("/my-shop", "my-shop", Key::NavMyShop);

/// Destinations a role reaches from the home tiles but not the bar: for
/// seekers the shop (their bar is full); for an account acting for a
/// producer (a seeker's or an employer's), its shop.
fn tile_only(role: Role, producer: bool) -> &'static [NavLink] {
    match (role, producer) {
        (Role::Staff | Role::Admin, _) => STAFF_TILES,
        (Role::Seeker, false) => &[SHOP],
        (Role::Seeker, true) => &[MY_SHOP, SHOP],
        (Role::Employer, true) => &[MY_SHOP],
        (Role::Employer, false) => &[],
    }
}

/// The destinations of a role (`None`: a visitor), most used first.
pub fn nav_links(role: Option<Role>) -> &'static [NavLink] {
    match role {
        None => VISITOR,
        Some(Role::Seeker) => SEEKER,
        Some(Role::Employer) => EMPLOYER,
        Some(Role::Staff) => STAFF,
        Some(Role::Admin) => ADMIN,
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
            let current = move || link.owns(&location.pathname.get()).then_some("page");
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
pub fn NavTiles(
    role: Role,
    /// Whether the account acts for a producer.
    #[prop(optional)]
    producer: bool,
) -> impl IntoView {
    let tiles = nav_links(Some(role))
        .iter()
        .chain(tile_only(role, producer))
        .filter(|link| link.href != "/")
        .map(|link| {
            let key = link.key;
            view! { <a class="tile" id=format!("tile-{}", link.id) href=link.href>{tr(key)}</a> }
        })
        .collect_view();
    view! { <nav class="tiles">{tiles}</nav> }
}
