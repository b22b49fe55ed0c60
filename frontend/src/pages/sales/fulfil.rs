//! "销售订单 / Orders to fulfil", for a producer's account (its own parts of
//! orders) and staff (the parts of producers in their jurisdiction): by
//! status, each with the buyer's delivery details and the next move:
//! confirm the payment (cash on delivery or a transfer), ship with the
//! carrier and tracking number, confirm delivery, or cancel before shipping.

use doorstep_shared::api::{Order, OrderPart, OrderStatus, ShipRequest};
use leptos::prelude::*;

use super::money::yuan;
use super::order::PartLines;
use super::tabs::SalesTabs;
use super::words::order_status_key;
use crate::api::{self, ApiError, OrdersView, PartMove, SALES_PER_PAGE};
use crate::components::{empty, section, Async, ErrorView, Paged};
use crate::format::day_of;
use crate::i18n::{tr, trf, Key};

/// The status filter and one page of orders.
#[component]
pub fn SalesOrdersPage() -> impl IntoView {
    let status = RwSignal::new(None::<OrderStatus>);
    let page = RwSignal::new(1_u32);
    let version = RwSignal::new(0_u32);
    let orders = LocalResource::new(move || {
        let (status, page) = (status.get(), page.get());
        version.track();
        async move { api::list_orders(OrdersView::Sold, status, page).await }
    });
    let list = move || {
        section(async move {
            orders.await.map(|found| {
                if found.items.is_empty() {
                    return empty("sales-orders-empty", Key::SaNoOrdersToFulfil);
                }
                let (total, at) = (found.total, found.page);
                let items = found.items.into_iter().map(|order| view! { <SoldOrder order version/> }).collect_view();
                view! {
                    <Paged page=at total per_page=SALES_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="sales-orders">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    let options =
        [None, Some(OrderStatus::Placed), Some(OrderStatus::Paid), Some(OrderStatus::Shipped), Some(OrderStatus::Delivered), Some(OrderStatus::Cancelled)]
            .into_iter()
            .map(|value| {
                let key = value.map_or(Key::SaAllStatuses, order_status_key);
                view! { <option value=value.map(|s| s.as_str()).unwrap_or_default() prop:selected=move || status.get() == value>{tr(key)}</option> }
            })
            .collect_view();
    let on_status = move |ev| {
        status.set(OrderStatus::parse(&event_target_value(&ev)));
        page.set(1);
    };
    view! {
        <SalesTabs/>
        <h1 class="page-title">{tr(Key::SaSalesOrdersTitle)}</h1>
        <label for="sales-orders-status">{tr(Key::SaStatusLabel)}</label>
        <select id="sales-orders-status" on:change=on_status>{options}</select>
        <Async load=list/>
    }
}

/// One order: who receives it and where, and the parts the caller fulfils.
#[component]
fn SoldOrder(order: Order, version: RwSignal<u32>) -> impl IntoView {
    let id = order.id;
    let parts = order.parts.into_iter().map(|part| view! { <SoldPart part version/> }).collect_view();
    view! {
        <li class="card" id=format!("sold-order-{id}")>
            <h2>{trf(Key::SaOrderNumber, vec![("id", id.to_string())])}</h2>
            <p class="muted">{day_of(order.created_at)}" · "<span class="price">{yuan(order.total_fen)}</span></p>
            <dl>
                <dt>{tr(Key::SaBuyerName)}</dt>
                <dd class="buyer-name">{order.buyer_name}</dd>
                <dt>{tr(Key::SaBuyerPhone)}</dt>
                <dd><a href=format!("tel:{}", order.buyer_phone)>{order.buyer_phone.clone()}</a></dd>
                <dt>{tr(Key::SaAddress)}</dt>
                <dd>{order.address}</dd>
            </dl>
            {(!order.note.is_empty()).then(|| view! { <p class="note">{order.note}</p> })}
            {parts}
        </li>
    }
}

/// A part and its next move.
#[component]
fn SoldPart(part: OrderPart, version: RwSignal<u32>) -> impl IntoView {
    let id = part.id;
    let act = Action::new_local(move |step: &PartMove| {
        let step = step.clone();
        async move {
            api::move_order_part(id, &step, None).await?;
            version.update(|n| *n += 1);
            Ok::<(), ApiError>(())
        }
    });
    let pending = act.pending();
    let failure = move || match act.value().get() {
        Some(Err(error)) if !pending.get() => Some(view! { <ErrorView error id="part-move-error"/> }),
        _ => None,
    };
    let button = move |step: PartMove, button_id: String, key: Key| {
        view! { <button type="button" id=button_id disabled=move || pending.get() on:click=move |_| { act.dispatch_local(step.clone()); }>{tr(key)}</button> }
    };
    let next = match part.status {
        OrderStatus::Placed => Some(button(PartMove::Pay, format!("pay-{id}"), Key::SaConfirmPaid).into_any()),
        OrderStatus::Paid => Some(view! { <ShipForm id act/> }.into_any()),
        OrderStatus::Shipped => Some(button(PartMove::Deliver, format!("deliver-{id}"), Key::SaConfirmDelivered).into_any()),
        OrderStatus::Delivered | OrderStatus::Cancelled => None,
    };
    let cancel = matches!(part.status, OrderStatus::Placed | OrderStatus::Paid).then(|| view! { <CancelPart id act/> });
    view! {
        <div class="part" id=format!("sold-part-{id}")>
            <h3>{part.producer_name.clone()}</h3>
            <PartLines part/>
            {next}
            {cancel}
            {failure}
        </div>
    }
}

/// The carrier and tracking number, then "shipped".
#[component]
fn ShipForm(id: i64, act: Action<PartMove, Result<(), ApiError>>) -> impl IntoView {
    let carrier = RwSignal::new(String::new());
    let tracking = RwSignal::new(String::new());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        act.dispatch_local(PartMove::Ship(ShipRequest {
            carrier: carrier.get_untracked().trim().into(),
            tracking_number: tracking.get_untracked().trim().into(),
        }));
    };
    let carriers = ["中国邮政", "邮政EMS", "顺丰速运", "京东物流", "中通快递", "圆通速递", "韵达快递"]
        .into_iter()
        .map(|name| view! { <option value=name></option> })
        .collect_view();
    view! {
        <form id=format!("ship-form-{id}") on:submit=on_submit>
            <label for=format!("carrier-{id}")>{tr(Key::SaCarrier)}</label>
            <input id=format!("carrier-{id}") type="text" list=format!("carriers-{id}") bind:value=carrier/>
            <datalist id=format!("carriers-{id}")>{carriers}</datalist>
            <label for=format!("tracking-number-{id}")>{tr(Key::SaTrackingNumber)}</label>
            <input id=format!("tracking-number-{id}") type="text" autocomplete="off" bind:value=tracking/>
            <button type="submit" id=format!("ship-{id}") disabled=move || act.pending().get()>{tr(Key::SaShip)}</button>
        </form>
    }
}

/// Calling a part off before it ships, with a reason; its units return to stock.
#[component]
fn CancelPart(id: i64, act: Action<PartMove, Result<(), ApiError>>) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    view! {
        <details id=format!("cancel-{id}")>
            <summary>{tr(Key::SaCancelPart)}</summary>
            <label for=format!("cancel-reason-{id}")>{tr(Key::SaCancelReason)}</label>
            <input id=format!("cancel-reason-{id}") type="text" bind:value=reason/>
            <button type="button" class="danger" id=format!("cancel-confirm-{id}") disabled=move || act.pending().get()
                on:click=move |_| { act.dispatch_local(PartMove::Cancel(reason.get_untracked().trim().to_string())); }>
                {tr(Key::SaCancelPart)}
            </button>
        </details>
    }
}
