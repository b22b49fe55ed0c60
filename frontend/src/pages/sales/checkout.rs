//! "填写订单 / Checkout", as a guest or signed in: who receives the order,
//! their phone and address, a note; then one order, paid offline (cash on
//! delivery or a transfer). The attempt carries a retry key, so tapping
//! again after a lost answer (or after a reload) never orders twice.

use doorstep_shared::api::{ApiError as ServerError, Order, OrderLine, OrderRequest};
use leptos::prelude::*;

use super::cart::{attempt_done, by_producer, cart_fen, load_buyer, load_cart, remember_order, retry_key_for, save_buyer, save_cart, Buyer, CartLine};
use super::money::yuan;
use crate::api::{self, ApiError};
use crate::components::{last_failure, ErrorView};
use crate::i18n::{tr, trf, Key};
use crate::location::use_navigate;
use crate::state::use_session;

/// The order's lines and total, the delivery form and the button that places it.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let lines = load_cart();
    if lines.is_empty() {
        return view! {
            <h1 class="page-title">{tr(Key::SaCheckoutTitle)}</h1>
            <p class="muted" id="cart-empty">{tr(Key::SaCartEmpty)}</p>
            <a class="button" href="/shop" id="cart-shop">{tr(Key::SaGoShopping)}</a>
        }
        .into_any();
    }
    let user = use_session().user();
    let remembered = load_buyer().unwrap_or_else(|| Buyer { name: user.map(|u| u.display_name).unwrap_or_default(), ..Buyer::default() });
    let name = RwSignal::new(remembered.name);
    let phone = RwSignal::new(remembered.phone);
    let address = RwSignal::new(remembered.address);
    let note = RwSignal::new(String::new());
    let navigate = use_navigate();

    let place = Action::new_local(move |request: &OrderRequest| {
        let request = request.clone();
        async move {
            // The same body as the last attempt is a retry: the same key.
            let key = retry_key_for(&serde_json::to_string(&request).unwrap_or_default());
            let order = api::place_order(&request, &key).await?;
            Ok::<Order, ApiError>(order)
        }
    });
    let failure = last_failure(place);
    Effect::new(move || {
        if let Some(Ok(order)) = place.value().get() {
            attempt_done();
            save_cart(&[]);
            remember_order(&order);
            let code = order.view_code.clone().unwrap_or_default();
            navigate(&format!("/orders/{}?code={code}&placed=1", order.id));
        }
    });
    let order_lines = lines.clone();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let buyer =
            Buyer { name: name.get_untracked().trim().into(), phone: phone.get_untracked().trim().into(), address: address.get_untracked().trim().into() };
        save_buyer(&buyer);
        place.dispatch_local(OrderRequest {
            items: order_lines.iter().map(|line| OrderLine { product_id: line.product_id, quantity: line.quantity }).collect(),
            buyer_name: buyer.name,
            buyer_phone: buyer.phone,
            address: buyer.address,
            note: note.get_untracked().trim().into(),
        });
    };
    let pending = place.pending();
    let total = yuan(cart_fen(&lines));
    let short = {
        let lines = lines.clone();
        move || failure.get().and_then(|error| short_line(&error, &lines))
    };
    view! {
        <h1 class="page-title">{tr(Key::SaCheckoutTitle)}</h1>
        <Summary lines/>
        <form class="card" id="checkout-form" on:submit=on_submit>
            <label for="buyer-name">{tr(Key::SaBuyerName)}</label>
            <input id="buyer-name" type="text" autocomplete="name" bind:value=name/>
            <BuyerFieldError error=failure field="buyer_name" id="buyer-name-error" key=Key::SaFieldBuyerName/>
            <label for="buyer-phone">{tr(Key::SaBuyerPhone)}</label>
            <input id="buyer-phone" type="tel" inputmode="tel" autocomplete="tel" bind:value=phone/>
            <BuyerFieldError error=failure field="buyer_phone" id="buyer-phone-error" key=Key::FieldPhone/>
            <label for="buyer-address">{tr(Key::SaAddress)}</label>
            <textarea id="buyer-address" rows="3" autocomplete="street-address" bind:value=address></textarea>
            <BuyerFieldError error=failure field="address" id="buyer-address-error" key=Key::SaFieldAddress/>
            <label for="buyer-note">{tr(Key::SaNote)}</label>
            <input id="buyer-note" type="text" bind:value=note/>
            <p class="notice" id="payment-offline">{tr(Key::SaPayOffline)}</p>
            {short}
            {move || failure.get().map(|error| view! { <ErrorView error id="checkout-error"/> })}
            <button id="place-order" type="submit" class="big" disabled=move || pending.get()>
                {trf(Key::SaPlaceOrder, vec![("total", total)])}
            </button>
        </form>
    }
    .into_any()
}

/// The lines by producer and the total, read-only; "change" leads back to the cart.
#[component]
fn Summary(lines: Vec<CartLine>) -> impl IntoView {
    let total = yuan(cart_fen(&lines));
    let groups = by_producer(&lines)
        .into_iter()
        .map(|(producer, group)| {
            let items = group
                .into_iter()
                .map(|line| {
                    view! { <li><span>{line.title.clone()}" × "{line.quantity}</span><span>{yuan(line.line_fen())}</span></li> }
                })
                .collect_view();
            view! {
                <h3>{producer}</h3>
                <ul class="items">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <section class="card" id="checkout-summary">
            {groups}
            <p class="total-line"><span>{tr(Key::SaTotal)}</span><span class="price" id="checkout-total">{total}</span></p>
            <a href="/cart" id="change-cart">{tr(Key::SaChangeCart)}</a>
        </section>
    }
}

/// Names the line the server found short of stock (`items[i].…`), with the way back to the cart.
fn short_line(error: &ApiError, lines: &[CartLine]) -> Option<AnyView> {
    let ApiError::Server(ServerError { fields, .. }) = error else { return None };
    let index: usize = fields.iter().find_map(|field| field.strip_prefix("items[")?.split(']').next()?.parse().ok())?;
    let title = lines.get(index)?.title.clone();
    Some(
        view! {
            <p class="field-error" id="checkout-short" role="alert">
                {trf(Key::SaLineShort, vec![("title", title)])}" "
                <a href="/cart">{tr(Key::SaChangeCart)}</a>
            </p>
        }
        .into_any(),
    )
}

/// The message under a delivery field the server refused.
#[component]
fn BuyerFieldError(#[prop(into)] error: Signal<Option<ApiError>>, field: &'static str, id: &'static str, key: Key) -> impl IntoView {
    let named = move || match error.get() {
        Some(ApiError::Server(body)) => body.fields.iter().any(|f| f == field),
        _ => false,
    };
    move || named().then(|| view! { <p class="field-error" id=id role="alert">{tr(key)}</p> })
}
