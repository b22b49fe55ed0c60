//! "我的订单 / My orders": a signed-in buyer's orders; for a guest, the
//! orders placed from this browser; and for anyone, following an order by
//! its number and code (from another phone, or after clearing the browser).

use doorstep_shared::api::Order;
use leptos::prelude::*;

use super::cart::{remembered_orders, RememberedOrder};
use super::money::yuan;
use super::words::order_badge;
use crate::api::{self, OrdersView, SALES_PER_PAGE};
use crate::components::{empty, section, Async, Paged};
use crate::format::day_of;
use crate::i18n::{tr, trf, Key};
use crate::state::use_session;

/// The buyer's orders and the follow form.
#[component]
pub fn MyOrdersPage() -> impl IntoView {
    let signed_in = use_session().user().is_some();
    view! {
        <h1 class="page-title">{tr(Key::SaMyOrdersTitle)}</h1>
        {if signed_in { view! { <AccountOrders/> }.into_any() } else { view! { <BrowserOrders/> }.into_any() }}
        <FollowOrder/>
    }
}

/// The signed-in buyer's purchases, newest first.
#[component]
fn AccountOrders() -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let orders = LocalResource::new(move || {
        let page = page.get();
        async move { api::list_orders(OrdersView::Bought, None, page).await }
    });
    let list = move || {
        section(async move {
            orders.await.map(|found| {
                if found.items.is_empty() {
                    return empty("orders-empty", Key::SaNoOrders);
                }
                let (total, at) = (found.total, found.page);
                let items = found.items.into_iter().map(|order| view! { <OrderLine order/> }).collect_view();
                view! {
                    <Paged page=at total per_page=SALES_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="my-orders">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! { <Async load=list/> }
}

/// One order of the buyer's: number, day, where it stands, total.
#[component]
fn OrderLine(order: Order) -> impl IntoView {
    let id = order.id;
    let producers: Vec<String> = order.parts.iter().map(|part| part.producer_name.clone()).collect();
    view! {
        <li class="card posting-card" id=format!("order-{id}")>
            <h2><a href=format!("/orders/{id}")>{trf(Key::SaOrderNumber, vec![("id", id.to_string())])}</a></h2>
            <p class="status-line">{order_badge(order.status)}" "<span class="muted">{day_of(order.created_at)}</span></p>
            <p class="facts">{producers.join(" · ")}</p>
            <p class="price">{yuan(order.total_fen)}</p>
        </li>
    }
}

/// The orders placed from this browser, with their codes.
#[component]
fn BrowserOrders() -> impl IntoView {
    let orders = remembered_orders();
    if orders.is_empty() {
        return empty("orders-empty", Key::SaNoOrdersHere);
    }
    let items = orders.into_iter().map(|order| view! { <RememberedLine order/> }).collect_view();
    view! {
        <p class="muted">{tr(Key::SaOrdersHere)}</p>
        <ul class="list plain" id="my-orders">{items}</ul>
    }
    .into_any()
}

#[component]
fn RememberedLine(order: RememberedOrder) -> impl IntoView {
    let id = order.id;
    view! {
        <li class="card posting-card" id=format!("order-{id}")>
            <h2><a href=format!("/orders/{id}?code={}", order.code)>{trf(Key::SaOrderNumber, vec![("id", id.to_string())])}</a></h2>
            <p class="muted">{day_of(order.created_at)}" · "{tr(Key::SaCode)}" "{order.code}</p>
            <p class="price">{yuan(order.total_fen)}</p>
        </li>
    }
}

/// Follow an order by its number and code: a link that follows what is typed.
#[component]
fn FollowOrder() -> impl IntoView {
    let number = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let href = move || {
        let number: String = number.get().chars().filter(char::is_ascii_digit).collect();
        let code: String = code.get().chars().filter(char::is_ascii_alphanumeric).collect();
        format!("/orders/{number}?code={code}")
    };
    view! {
        <details class="card" id="follow-order">
            <summary>{tr(Key::SaFollowOrder)}</summary>
            <label for="follow-number">{tr(Key::SaOrderNumberLabel)}</label>
            <input id="follow-number" type="text" inputmode="numeric" bind:value=number/>
            <label for="follow-code">{tr(Key::SaCode)}</label>
            <input id="follow-code" type="text" autocomplete="off" bind:value=code/>
            <a class="button" id="follow-button" href=href>{tr(Key::SaFollow)}</a>
        </details>
    }
}
