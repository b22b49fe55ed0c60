//! The document title names the page the user is on, in their language:
//! "找工作 · 门前就业". One table from route to name, followed as the route,
//! the session and the language change.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{use_i18n, Key};
use crate::state::use_session;

/// The name of the page at `path`; `/` is the login form until someone logs in.
pub fn title_key(path: &str, logged_in: bool) -> Key {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or_default();
    match first {
        "" if logged_in => Key::DocHome,
        "" => Key::LoginTitle,
        "for-me" => Key::ForMeTitle,
        "jobs" => Key::SearchTitle,
        "postings" => Key::DocPosting,
        "my-applications" => Key::ApplicationsTitle,
        "inbox" => Key::InboxTitle,
        "post" => Key::PostTitle,
        "my-postings" => Key::MyPostingsTitle,
        "manage" => Key::DocManage,
        "review" => Key::ReviewTitle,
        "refer" => Key::ReferTitle,
        "placements" => Key::PlacementsTitle,
        "audit" => Key::AuditTitle,
        "priorities" => Key::PrioritiesTitle,
        "push" => Key::PushTitle,
        "region-points" => Key::RegionPointsTitle,
        _ => Key::DocNotFound,
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
