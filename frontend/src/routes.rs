//! The pages behind a role, loaded on first use in groups: a seeker's, an
//! employer's and staff's (and next, each platform's). Each group is one
//! `#[lazy]` function that `cargo xtask site` moves into its own WebAssembly
//! module. The public pages (home, job search, a posting) stay in the main
//! module: a first visit then needs one round trip for code, not two, and
//! what they share with the groups is not duplicated. A group, not a page,
//! per module: pages of one role share most of their code, and one fetch
//! beats a dozen small ones on a high-latency mobile link. Each page fetches
//! its own data once shown.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;

use crate::app::Gate;
use crate::pages::{
    AuditPage, InboxPage, JobsForMePage, ManagePostingPage, MyApplicationsPage, MyPostingsPage, PlacementsPage, PostJobPage, PrioritiesPage, ProfilePage,
    PushPage, ReferPage, RegionPointsPage, RegisterPage, ReviewPage,
};

/// Every lazily loaded page, numbered for [`PageRoute`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Page {
    ForMe,
    MyApplications,
    Inbox,
    PostJob,
    MyPostings,
    ManagePosting,
    Review,
    Refer,
    Placements,
    Audit,
    Register,
    Profile,
    Priorities,
    Push,
    RegionPoints,
}

impl Page {
    const ALL: [Page; 15] = [
        Page::ForMe,
        Page::MyApplications,
        Page::Inbox,
        Page::PostJob,
        Page::MyPostings,
        Page::ManagePosting,
        Page::Review,
        Page::Refer,
        Page::Placements,
        Page::Audit,
        Page::Register,
        Page::Profile,
        Page::Priorities,
        Page::Push,
        Page::RegionPoints,
    ];

    /// Loads the page's group (once) and builds the page.
    async fn show(self) -> AnyView {
        match self {
            Page::ForMe | Page::MyApplications | Page::Inbox | Page::Register | Page::Profile => seeker_pages(self).await,
            Page::PostJob | Page::MyPostings | Page::ManagePosting => employer_pages(self).await,
            Page::Review | Page::Refer | Page::Placements | Page::Audit | Page::Priorities | Page::Push | Page::RegionPoints => staff_pages(self).await,
        }
    }
}

/// The route showing page number `P` (a [`Page`] as `u8`): the router keeps
/// the current page on screen while the next one's module loads.
pub struct PageRoute<const P: u8>;

impl<const P: u8> LazyRoute for PageRoute<P> {
    fn data() -> Self {
        Self
    }

    async fn view(_this: Self) -> AnyView {
        Page::ALL[usize::from(P)].show().await
    }
}

#[lazy]
fn seeker_pages(page: Page) -> AnyView {
    match page {
        Page::MyApplications => view! { <Gate><MyApplicationsPage/></Gate> }.into_any(),
        Page::Inbox => view! { <Gate><InboxPage/></Gate> }.into_any(),
        Page::Profile => view! { <Gate><ProfilePage/></Gate> }.into_any(),
        Page::Register => view! { <Gate public=true><RegisterPage/></Gate> }.into_any(),
        // Public: a visitor may try matching before registering.
        _ => view! { <Gate public=true><JobsForMePage/></Gate> }.into_any(),
    }
}

#[lazy]
fn employer_pages(page: Page) -> AnyView {
    match page {
        Page::MyPostings => view! { <Gate><MyPostingsPage/></Gate> }.into_any(),
        Page::ManagePosting => view! { <Gate><ManagePostingPage/></Gate> }.into_any(),
        _ => view! { <Gate><PostJobPage/></Gate> }.into_any(),
    }
}

#[lazy]
fn staff_pages(page: Page) -> AnyView {
    match page {
        Page::Refer => view! { <Gate><ReferPage/></Gate> }.into_any(),
        Page::Placements => view! { <Gate><PlacementsPage/></Gate> }.into_any(),
        Page::Audit => view! { <Gate><AuditPage/></Gate> }.into_any(),
        Page::Priorities => view! { <Gate><PrioritiesPage/></Gate> }.into_any(),
        Page::Push => view! { <Gate><PushPage/></Gate> }.into_any(),
        Page::RegionPoints => view! { <Gate><RegionPointsPage/></Gate> }.into_any(),
        _ => view! { <Gate><ReviewPage/></Gate> }.into_any(),
    }
}
