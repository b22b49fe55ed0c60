//! "购物车 / Cart": what the buyer chose, kept in this browser, grouped by
//! producer (each sends its own parcel), with the number of each and the
//! total in yuan. Lines are refreshed from the server when the page opens:
//! the price and stock shown are the ones that will be ordered.

use doorstep_shared::api::ErrorCode;
use leptos::prelude::*;

use super::cart::{by_producer, cart_fen, load_cart, save_cart, CartLine};
use super::money::yuan;
use super::product::Stepper;
use crate::api;
use crate::components::{section, Async};
use crate::i18n::{tr, trf, Key};

/// Refreshes the saved lines, then shows them.
#[component]
pub fn CartPage() -> impl IntoView {
    let refreshed = LocalResource::new(|| async {
        let lines = refresh(load_cart()).await;
        save_cart(&lines);
        Ok(lines)
    });
    let load = move || section(async move { refreshed.await.map(|lines| view! { <CartView lines/> }.into_any()) });
    view! {
        <h1 class="page-title">{tr(Key::SaCart)}</h1>
        <Async load/>
    }
}

/// Each line with the product as it is now; a product gone from sale is
/// marked, one that cannot be read now (no signal) is kept as it was.
pub async fn refresh(mut lines: Vec<CartLine>) -> Vec<CartLine> {
    for line in &mut lines {
        match api::get_product(line.product_id).await {
            Ok(product) => line.refresh(&product),
            Err(error) if error.code() == Some(ErrorCode::NotFound) => line.on_sale = false,
            Err(_) => {}
        }
    }
    lines
}

/// The lines by producer, the total, and the way to checkout.
#[component]
fn CartView(lines: Vec<CartLine>) -> impl IntoView {
    let lines = RwSignal::new(lines);
    // Every change is saved at once: the cart survives a reload.
    let change = Callback::new(move |(product_id, quantity): (i64, u32)| {
        lines.update(|lines| {
            if quantity == 0 {
                lines.retain(|line| line.product_id != product_id);
            } else if let Some(line) = lines.iter_mut().find(|line| line.product_id == product_id) {
                line.quantity = quantity;
            }
        });
        lines.with_untracked(|lines| save_cart(lines));
    });
    // The lines are drawn again when one comes or goes, not when a number changes.
    let ids = Memo::new(move |_| lines.with(|lines| lines.iter().map(|line| line.product_id).collect::<Vec<_>>()));
    let groups = move || {
        ids.track();
        let groups = by_producer(&lines.get_untracked());
        let parcels = groups.len();
        let groups = groups
            .into_iter()
            .map(|(producer, group)| {
                let items = group.into_iter().map(|line| view! { <LineView line change/> }).collect_view();
                view! {
                    <section class="card cart-group">
                        <h2>{producer}</h2>
                        <ul class="plain">{items}</ul>
                    </section>
                }
            })
            .collect_view();
        view! {
            {(parcels > 1).then(|| view! { <p class="muted" id="cart-parcels">{trf(Key::SaParcels, vec![("count", parcels.to_string())])}</p> })}
            {groups}
        }
    };
    let ready = move || lines.with(|lines| !lines.is_empty() && lines.iter().all(CartLine::orderable));
    let summary = move || {
        if lines.with(Vec::is_empty) {
            return view! {
                <p class="muted" id="cart-empty">{tr(Key::SaCartEmpty)}</p>
                <a class="button" href="/shop" id="cart-shop">{tr(Key::SaGoShopping)}</a>
            }
            .into_any();
        }
        let total = lines.with(|lines| yuan(cart_fen(lines)));
        view! {
            <section class="card">
                <p class="total-line"><span>{tr(Key::SaTotal)}</span><span class="price" id="cart-total">{total}</span></p>
                {(!ready()).then(|| view! { <p class="notice" id="cart-fix">{tr(Key::SaCartFix)}</p> })}
                <a class="button" href="/checkout" id="checkout-link" aria-disabled=move || (!ready()).to_string()
                    on:click=move |ev| if !ready() { ev.prevent_default(); }>
                    {tr(Key::SaCheckout)}
                </a>
                <a href="/shop" id="cart-more">{tr(Key::SaKeepShopping)}</a>
            </section>
        }
        .into_any()
    };
    view! {
        {groups}
        {summary}
    }
}

/// One line: picture, title, unit price, the number and the line's sum, remove.
#[component]
fn LineView(line: CartLine, change: Callback<(i64, u32)>) -> impl IntoView {
    let id = line.product_id;
    let quantity = RwSignal::new(line.quantity.max(1));
    let most = line.stock.clamp(1, 999).max(line.quantity);
    let picture = match line.thumb_url.clone() {
        Some(url) => view! { <img class="thumb" src=url alt="" loading="lazy"/> }.into_any(),
        None => view! { <span class="thumb no-image" aria-hidden="true"></span> }.into_any(),
    };
    let (on_sale, stock, unit) = (line.on_sale, line.stock, line.unit.clone());
    let problem = move || {
        if !on_sale {
            return Some(view! { <p class="note" id=format!("line-gone-{id}")>{tr(Key::SaNoLongerOnSale)}</p> }.into_any());
        }
        (quantity.get() > stock).then(|| {
            let left = trf(Key::SaOnlyLeft, vec![("count", stock.to_string()), ("unit", unit.clone())]);
            view! { <p class="note" id=format!("line-short-{id}")>{left}</p> }.into_any()
        })
    };
    let price = line.price_fen;
    let each = format!("{} / {}", yuan(price), line.unit);
    let sum = move || yuan(price.saturating_mul(i64::from(quantity.get())));
    let changed = Callback::new(move |n: u32| change.run((id, n)));
    view! {
        <li class="cart-line" id=format!("line-{id}")>
            {picture}
            <div>
                <a href=format!("/products/{id}")>{line.title}</a>
                <p class="muted">{each}</p>
                {problem}
                <div class="row">
                    <Stepper value=quantity most id=format!("quantity-{id}") changed/>
                    <span class="price line-sum">{sum}</span>
                </div>
                <button type="button" class="secondary" id=format!("remove-{id}") on:click=move |_| change.run((id, 0))>{tr(Key::SaRemove)}</button>
            </div>
        </li>
    }
}
