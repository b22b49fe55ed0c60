//! Previous / next buttons for a long list, and its total.

use leptos::prelude::*;

use crate::i18n::{tr, trf, Key};

/// Shows "page n of m" with big previous and next buttons; nothing for a single page.
#[component]
pub fn Pager(
    /// The current page, from 1.
    page: u32,
    /// Items in all.
    total: u64,
    /// Items per page.
    per_page: u32,
    /// Called with the page to go to.
    #[prop(into)]
    on_page: Callback<u32>,
) -> impl IntoView {
    let pages = u32::try_from(total.div_ceil(u64::from(per_page.max(1)))).unwrap_or(u32::MAX).max(1);
    (pages > 1).then(|| {
        let page_of = trf(Key::PageOf, vec![("page", page.to_string()), ("pages", pages.to_string())]);
        view! {
            <nav class="pager">
                <button id="pager-prev" type="button" class="secondary" disabled={page <= 1}
                    on:click=move |_| on_page.run(page - 1)>
                    {tr(Key::PrevPage)}
                </button>
                <span id="pager-info">{page_of}</span>
                <button id="pager-next" type="button" class="secondary" disabled={page >= pages}
                    on:click=move |_| on_page.run(page + 1)>
                    {tr(Key::NextPage)}
                </button>
            </nav>
        }
    })
}

/// One page of a list between how many it holds in all and the pager.
#[component]
pub fn Paged(
    /// The current page, from 1.
    page: u32,
    /// Items in all.
    total: u64,
    /// Items per page.
    per_page: u32,
    /// Called with the page to go to.
    #[prop(into)]
    on_page: Callback<u32>,
    /// The page's items.
    children: Children,
) -> impl IntoView {
    view! {
        <p class="muted" id="list-total">
            {trf(Key::TotalItems, vec![("count", total.to_string())])}
        </p>
        {children()}
        <Pager page total per_page on_page/>
    }
}
