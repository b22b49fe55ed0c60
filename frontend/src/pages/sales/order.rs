//! "订单详情 / An order", as its buyer follows it (signed in, or a guest
//! with the order's code): the code to keep, each producer's part with
//! where it is, the carrier and tracking number once shipped; the buyer
//! confirms delivery of a part, or cancels one before it ships.

use doorstep_shared::api::{Order, OrderPart, OrderStatus};
use leptos::prelude::*;

use super::cart::remembered_code;
use super::money::yuan;
use super::words::{order_badge, query_param};
use crate::api::{self, ApiError, PartMove};
use crate::components::{section, Async, ErrorView};
use crate::format::day_of;
use crate::i18n::{tr, trf, Key};

/// Loads the order (with the code from the address, or the one remembered
/// here) and shows it; every move reloads it.
#[component]
pub fn OrderPage(
    /// The order's id, from the path.
    id: i64,
) -> impl IntoView {
    let code = query_param("code").or_else(|| remembered_code(id));
    let placed = query_param("placed").is_some();
    let version = RwSignal::new(0_u32);
    let order = {
        let code = code.clone();
        LocalResource::new(move || {
            version.track();
            let code = code.clone();
            async move { api::get_order(id, code.as_deref()).await }
        })
    };
    let load = move || {
        let code = code.clone();
        section(async move { order.await.map(|order| view! { <OrderView order code placed version/> }.into_any()) })
    };
    view! { <Async load/> }
}

#[component]
fn OrderView(order: Order, code: Option<String>, placed: bool, version: RwSignal<u32>) -> impl IntoView {
    let thanks = placed.then(|| view! { <p class="success" id="order-placed" role="status">{tr(Key::SaOrderThanks)}</p> });
    // The code shows to the buyer only; a guest needs it to come back.
    let follow = order.view_code.clone().map(|view_code| {
        view! {
            <section class="card" id="order-follow">
                <p>{tr(Key::SaKeepCode)}</p>
                <p class="order-code" id="order-code">{view_code}</p>
            </section>
        }
    });
    let parts = order.parts.iter().cloned().map(|part| view! { <PartView part code=code.clone() version/> }).collect_view();
    view! {
        <h1 class="page-title" id="order-title">{trf(Key::SaOrderNumber, vec![("id", order.id.to_string())])}</h1>
        {thanks}
        {follow}
        <section class="card" id="order-summary">
            <p class="status-line">{order_badge(order.status)}" "<span class="muted">{day_of(order.created_at)}</span></p>
            <p class="total-line"><span>{tr(Key::SaTotal)}</span><span class="price" id="order-total">{yuan(order.total_fen)}</span></p>
            <dl>
                <dt>{tr(Key::SaBuyerName)}</dt>
                <dd id="order-buyer">{order.buyer_name}</dd>
                <dt>{tr(Key::SaBuyerPhone)}</dt>
                <dd>{order.buyer_phone}</dd>
                <dt>{tr(Key::SaAddress)}</dt>
                <dd id="order-address">{order.address}</dd>
            </dl>
            {(!order.note.is_empty()).then(|| view! { <p class="muted">{order.note}</p> })}
            <p class="muted">{tr(Key::SaPayOffline)}</p>
        </section>
        <h2>{trf(Key::SaPartsCount, vec![("count", order.parts.len().to_string())])}</h2>
        {parts}
        <p><a href="/my-orders" id="to-my-orders">{tr(Key::SaMyOrdersTitle)}</a></p>
    }
}

/// One producer's parcel: its lines, where it is, shipping, and the buyer's moves.
#[component]
fn PartView(part: OrderPart, code: Option<String>, version: RwSignal<u32>) -> impl IntoView {
    let id = part.id;
    let act = Action::new_local(move |step: &PartMove| {
        let step = step.clone();
        let code = code.clone();
        async move {
            api::move_order_part(id, &step, code.as_deref()).await?;
            version.update(|n| *n += 1);
            Ok::<(), ApiError>(())
        }
    });
    let failure = move || match act.value().get() {
        Some(Err(error)) => Some(view! { <ErrorView error/> }),
        _ => None,
    };
    let pending = act.pending();
    let deliver = (part.status == OrderStatus::Shipped).then(|| {
        view! {
            <button type="button" id=format!("deliver-{id}") disabled=move || pending.get() on:click=move |_| { act.dispatch_local(PartMove::Deliver); }>
                {tr(Key::SaConfirmDelivery)}
            </button>
        }
    });
    let cancel = matches!(part.status, OrderStatus::Placed | OrderStatus::Paid).then(|| {
        view! {
            <details id=format!("cancel-{id}")>
                <summary>{tr(Key::SaCancelPart)}</summary>
                <p class="muted">{tr(Key::SaCancelHint)}</p>
                <button type="button" class="danger" id=format!("cancel-confirm-{id}") disabled=move || pending.get()
                    on:click=move |_| { act.dispatch_local(PartMove::Cancel(String::new())); }>
                    {tr(Key::SaCancelPart)}
                </button>
            </details>
        }
    });
    view! {
        <section class="card" id=format!("part-{id}") data-producer=part.producer_id>
            <h3>{part.producer_name.clone()}</h3>
            <PartLines part=part.clone()/>
            {deliver}
            {cancel}
            {failure}
        </section>
    }
}

/// A part's status, lines, sum, and shipping or cancellation details: what
/// the buyer, the producer and staff all read.
#[component]
pub fn PartLines(part: OrderPart) -> impl IntoView {
    let id = part.id;
    let items = part
        .items
        .into_iter()
        .map(|item| {
            view! { <li><span>{item.title}" × "{item.quantity}</span><span>{yuan(item.line_fen)}</span></li> }
        })
        .collect_view();
    let shipping = part.carrier.map(|carrier| {
        let tracking = part.tracking_number.unwrap_or_default();
        view! { <p class="facts" id=format!("tracking-{id}")>{tr(Key::SaShippedWith)}" "{carrier}" · "{tracking}</p> }
    });
    let cancelled = part.cancel_reason.filter(|reason| !reason.is_empty()).map(|reason| view! { <p class="muted">{tr(Key::SaCancelReason)}": "{reason}</p> });
    view! {
        <p class="status-line" id=format!("part-status-{id}")>{order_badge(part.status)}</p>
        <ul class="items">{items}</ul>
        <p class="total-line"><span>{tr(Key::SaPartTotal)}</span><span class="price">{yuan(part.total_fen)}</span></p>
        {shipping}
        {cancelled}
    }
}
