//! The document title names the page the user is on, in their language:
//! "找工作 · 门前就业". One table from page to name, followed as the route,
//! the session and the language change.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Key};
use crate::location::use_location;
use crate::routes::Page;
use crate::state::use_session;

/// The name of the page at `path`; `/` is the login form until someone logs in.
pub fn title_key(path: &str, logged_in: bool) -> Key {
    let Some(page) = Page::at(path) else { return Key::DocNotFound };
    match page {
        Page::Start if logged_in => Key::DocHome,
        Page::Start => Key::LoginTitle,
        Page::ForMe => Key::ForMeTitle,
        Page::Jobs => Key::SearchTitle,
        Page::Posting(_) => Key::DocPosting,
        Page::MyApplications => Key::ApplicationsTitle,
        Page::Inbox => Key::InboxTitle,
        Page::PostJob => Key::PostTitle,
        Page::MyPostings => Key::MyPostingsTitle,
        Page::ManagePosting(_) => Key::DocManage,
        Page::Review => Key::ReviewTitle,
        Page::Refer => Key::ReferTitle,
        Page::Placements => Key::PlacementsTitle,
        Page::Audit => Key::AuditTitle,
        Page::Priorities => Key::PrioritiesTitle,
        Page::Push => Key::PushTitle,
        Page::RegionPoints => Key::RegionPointsTitle,
        Page::Imports => Key::ImportsTitle,
        Page::Register => Key::RegisterTitle,
        Page::Profile => Key::ProfileTitle,
        Page::Training | Page::TrainingSession(_) | Page::Roster(_) => Key::NavTraining,
        Page::MyTraining => Key::DocMyTraining,
        Page::VerifyCertificate => Key::DocVerifyCertificate,
        Page::Courses | Page::Course(_) => Key::NavCourses,
        Page::Shop | Page::Product(_) | Page::Cart | Page::Checkout | Page::Order(_) | Page::MyOrders => Key::NavShop,
        Page::MyShop => Key::NavMyShop,
        Page::Dashboard => Key::NavDashboard,
        Page::FollowUps => Key::NavFollowUps,
        Page::Producer(_) | Page::Producers | Page::SalesOrders | Page::SalesFigures => Key::NavSales,
    }
}

/// Keeps `document.title` on the current page's name; call once inside the router.
pub fn follow_page_title() {
    let location = use_location();
    let session = use_session();
    let i18n = use_i18n();
    Effect::new(move |_| {
        let key = title_key(&location.pathname.get(), session.user().is_some());
        document().set_title(&format!("{} · {}", i18n.t(key), i18n.t(Key::AppName)));
    });
}
