//! "特产 / Shop": products made by households in need, searched by words,
//! browsed by category, sorted by price or newest, and one producer's
//! products (`/shop?producer=…`, the link from a product's producer). The
//! search lives in the page, as the training search does: the router's
//! query and navigation stay out of the platform's code.

use doorstep_shared::api::{Product, ProductCategory, ProductSort};
use leptos::prelude::*;

use super::cart::{cart_units, load_cart};
use super::money::yuan;
use super::words::{category_key, query_param, thumb};
use crate::api::{self, ProductSearch, SHOP_PER_PAGE};
use crate::components::{empty, section, Async, Pager};
use crate::i18n::{tr, trf, use_i18n, Key};

/// The search form, the categories, and one page of products.
#[component]
pub fn ShopPage() -> impl IntoView {
    let producer_id = query_param("producer").and_then(|p| p.parse().ok());
    let search = RwSignal::new(ProductSearch { producer_id, page: 1, ..ProductSearch::default() });
    let results = LocalResource::new(move || {
        let search = search.get();
        async move { api::search_products(&search).await }
    });
    let q = RwSignal::new(String::new());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        search.update(|s| {
            s.q = q.get_untracked();
            s.page = 1;
        });
    };
    let on_sort = move |event: leptos::ev::Event| {
        let sort = ProductSort::parse(&event_target_value(&event)).unwrap_or_default();
        search.update(|s| {
            s.sort = sort;
            s.page = 1;
        });
    };
    let sorts = [
        (ProductSort::Relevance, Key::SaSortRelevance),
        (ProductSort::PriceAsc, Key::SaSortPriceAsc),
        (ProductSort::PriceDesc, Key::SaSortPriceDesc),
        (ProductSort::Newest, Key::SaSortNewest),
    ]
    .into_iter()
    .map(|(sort, key)| view! { <option value=sort.as_str() prop:selected=move || search.with(|s| s.sort == sort)>{tr(key)}</option> })
    .collect_view();

    let searching = RwSignal::new(false);
    let list = move || {
        section(async move {
            results.await.map(|found| {
                if found.items.is_empty() {
                    return empty("shop-empty", Key::SaNoProducts);
                }
                let total = trf(Key::SaTotalProducts, vec![("count", found.total.to_string())]);
                let cards = found.items.into_iter().map(|product| view! { <ProductCard product/> }).collect_view();
                view! {
                    <p class="muted" id="shop-total">{total}</p>
                    <div class="shop-grid" id="shop-results">{cards}</div>
                    <Pager page=found.page total=found.total per_page=SHOP_PER_PAGE on_page=move |page| search.update(|s| s.page = page)/>
                }
                .into_any()
            })
        })
    };
    let producer_filter = move || {
        search.with(|s| s.producer_id.is_some()).then(|| {
            let all = move |_| {
                search.update(|s| {
                    s.producer_id = None;
                    s.page = 1;
                })
            };
            view! {
                <p class="notice" id="shop-producer-only">
                    {tr(Key::SaOneProducerOnly)}" "
                    <button type="button" class="secondary" id="shop-all-producers" on:click=all>{tr(Key::SaAllProducers)}</button>
                </p>
            }
        })
    };
    view! {
        <div class="shop-head">
            <h1 class="page-title">{tr(Key::SaShopTitle)}</h1>
            <CartLink/>
        </div>
        <p class="muted">{tr(Key::SaShopIntro)}</p>
        <form class="card" id="shop-form" on:submit=on_submit role="search">
            <label for="shop-q">{tr(Key::SaSearchWords)}</label>
            <div class="inline">
                <input id="shop-q" type="search" enterkeyhint="search" bind:value=q/>
                <button id="shop-search" type="submit">{tr(Key::SearchButton)}</button>
            </div>
            <label for="shop-sort">{tr(Key::SaSortLabel)}</label>
            <select id="shop-sort" on:change=on_sort>{sorts}</select>
        </form>
        <Categories search/>
        {producer_filter}
        <div id="shop-answer" class:dimmed=searching>
            <Async load=list reloading=searching/>
        </div>
    }
}

/// A row of category buttons, "all" first; the chosen one is marked.
#[component]
fn Categories(search: RwSignal<ProductSearch>) -> impl IntoView {
    let button = move |category: Option<ProductCategory>, key: Key| {
        let pressed = move || search.with(|s| s.category == category).to_string();
        let choose = move |_| {
            search.update(|s| {
                s.category = category;
                s.page = 1;
            })
        };
        let id = format!("category-{}", category.map_or("all", |c| c.as_str()));
        view! { <button type="button" id=id aria-pressed=pressed on:click=choose>{tr(key)}</button> }
    };
    let all = button(None, Key::SaAllCategories);
    let each = ProductCategory::ALL.iter().map(|&category| button(Some(category), category_key(category))).collect_view();
    view! { <nav class="chips-row" id="shop-categories" aria-label=tr(Key::SaCategories)>{all}{each}</nav> }
}

/// One product in the grid: its picture, title, price per unit and producer; a tap anywhere opens it.
#[component]
pub fn ProductCard(product: Product) -> impl IntoView {
    let id = product.id;
    let price = format!("{} / {}", yuan(product.price_fen), product.unit);
    view! {
        <article class="product-card" id=format!("product-{id}") data-producer=product.producer_id>
            {thumb(&product.images, product.category)}
            <div class="info">
                <h2><a href=format!("/products/{id}")>{product.title}</a></h2>
                <p class="price">{price}</p>
                <p class="producer">{product.producer_name}</p>
            </div>
        </article>
    }
}

/// "购物车 (3)": the way to the cart, with the units in it.
#[component]
pub fn CartLink(
    /// Units in the cart, when the page changes it; read once from storage otherwise.
    #[prop(optional)]
    units: Option<RwSignal<u32>>,
) -> impl IntoView {
    let units = units.unwrap_or_else(|| RwSignal::new(cart_units(&load_cart())));
    let i18n = use_i18n();
    let label = move || match units.get() {
        0 => i18n.t(Key::SaCart).to_string(),
        n => format!("{} ({n})", i18n.t(Key::SaCart)),
    };
    view! { <a class="button secondary cart-link" id="cart-link" href="/cart">{label}</a> }
}
