//! The row of tabs at the top of the sellers' pages: a producer's account
//! moves between its products and its orders; staff between producers,
//! orders and the figures. The tab of the page on screen is marked.

use leptos::prelude::*;

use crate::i18n::{tr, Key};
use crate::location::use_location;
use crate::state::use_session;

/// The tabs for the signed-in user: staff's, else a producer account's.
#[component]
pub fn SalesTabs() -> impl IntoView {
    let user = use_session().user();
    let staff = user.as_ref().is_some_and(|u| matches!(u.role, doorstep_shared::api::Role::Staff | doorstep_shared::api::Role::Admin));
    let producer = user.as_ref().is_some_and(|u| u.producer_id.is_some());
    let tabs: &[(&str, &str, Key)] = match (staff, producer) {
        (true, _) => &[
            ("/producers", "tab-producers", Key::SaTabProducers),
            ("/sales-orders", "tab-orders", Key::SaTabOrders),
            ("/sales-figures", "tab-figures", Key::SaTabFigures),
        ],
        (false, true) => &[("/my-shop", "tab-products", Key::SaTabProducts), ("/sales-orders", "tab-orders", Key::SaTabOrders)],
        (false, false) => &[],
    };
    let location = use_location();
    let links = tabs
        .iter()
        .map(|&(href, id, key)| {
            let current = move || {
                let path = location.pathname.get();
                (path == href || (href == "/producers" && path.starts_with("/producers/"))).then_some("page")
            };
            view! { <a href=href id=id aria-current=current>{tr(key)}</a> }
        })
        .collect_view();
    view! { <nav class="tabs" id="sales-tabs">{links}</nav> }
}
