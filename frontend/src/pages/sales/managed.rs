//! A producer's products as its account and staff manage them: stock in and
//! out (added or taken, never set, so orders placed meanwhile are kept), on
//! sale or off, name, price and description changed, pictures added from
//! the phone's camera or gallery and removed; and a new product.

use doorstep_shared::api::{Product, ProductImage, ProductStatus};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::js_sys::Reflect;

use super::money::yuan;
use super::product_form::{EditProduct, NewProduct};
use super::words::{product_badge, thumb};
use crate::api::{self, ApiError, SALES_PER_PAGE};
use crate::components::{empty, section, Async, ErrorView, Paged};
use crate::i18n::{tr, trf, Key};

/// The producer's products in every status, newest first, and the form for a new one.
#[component]
pub fn ManagedProducts(producer_id: i64) -> impl IntoView {
    let page = RwSignal::new(1_u32);
    let version = RwSignal::new(0_u32);
    let products = LocalResource::new(move || {
        let page = page.get();
        version.track();
        async move { api::producer_products(producer_id, None, page).await }
    });
    let list = move || {
        section(async move {
            products.await.map(|found| {
                if found.items.is_empty() {
                    return empty("products-empty", Key::SaNoProductsYet);
                }
                let (total, at) = (found.total, found.page);
                let items = found.items.into_iter().map(|product| view! { <ManagedProduct product/> }).collect_view();
                view! {
                    <Paged page=at total per_page=SALES_PER_PAGE on_page=move |to| page.set(to)>
                        <ul class="list plain" id="managed-products">{items}</ul>
                    </Paged>
                }
                .into_any()
            })
        })
    };
    view! {
        <h2>{tr(Key::SaProducts)}</h2>
        <NewProduct producer_id added=version/>
        <Async load=list/>
    }
}

/// What a change of a product does.
#[derive(Debug, Clone)]
enum Change {
    Stock(i64),
    List,
    Delist,
    Upload(JsValue),
    RemoveImage(u8),
}

/// One product: picture, title, price, stock and status, with its changes.
/// Each change answers the product as it now is, which replaces the card.
#[component]
fn ManagedProduct(product: Product) -> impl IntoView {
    let id = product.id;
    let current = RwSignal::new(product);
    let amount = RwSignal::new("10".to_string());
    let change = Action::new_local(move |change: &Change| {
        let change = change.clone();
        async move {
            let product = match change {
                Change::Stock(by) => api::change_stock(id, by).await?,
                Change::List => api::list_product(id).await?,
                Change::Delist => api::delist_product(id).await?,
                Change::Upload(image) => api::upload_product_image(id, image).await?,
                Change::RemoveImage(position) => api::delete_product_image(id, position).await?,
            };
            current.set(product);
            Ok::<(), ApiError>(())
        }
    });
    let pending = change.pending();
    let failure = move || match change.value().get() {
        Some(Err(error)) if !pending.get() => Some(view! { <ErrorView error id="product-change-error"/> }),
        _ => None,
    };
    let stock = move |sign: i64| {
        if let Ok(by) = amount.get_untracked().trim().parse::<i64>() {
            if by > 0 {
                change.dispatch_local(Change::Stock(sign * by));
            }
        }
    };
    let on_file = move |event: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&event);
        if let Some(image) = chosen_file(&input) {
            change.dispatch_local(Change::Upload(image));
        }
    };
    let head = move || {
        current.with(|p| {
            let price = format!("{} / {}", yuan(p.price_fen), p.unit);
            let stock_line = trf(Key::SaStockNow, vec![("count", p.stock.to_string()), ("unit", p.unit.clone())]);
            view! {
                {thumb(&p.images, p.category)}
                <div>
                    <h3><a href=format!("/products/{id}")>{p.title.clone()}</a></h3>
                    <p class="price">{price}</p>
                    <p class="status-line">{product_badge(p.status)}" "<span id=format!("stock-{id}")>{stock_line}</span></p>
                </div>
            }
        })
    };
    let sale = move || {
        let (key, next, button_id) = match current.with(|p| p.status) {
            ProductStatus::Listed | ProductStatus::SoldOut => (Key::SaDelist, Change::Delist, format!("delist-{id}")),
            ProductStatus::Draft | ProductStatus::Delisted => (Key::SaList, Change::List, format!("list-{id}")),
        };
        view! { <button type="button" class="secondary" id=button_id disabled=move || pending.get() on:click=move |_| { change.dispatch_local(next.clone()); }>{tr(key)}</button> }
    };
    // Drawn again with each answer, which also empties the file input for the next picture.
    let images = move || {
        current.with(|p| {
            view! {
                <Images images=p.images.clone() product_id=id change/>
                <label for=format!("image-file-{id}")>{tr(Key::SaAddImage)}</label>
                <input id=format!("image-file-{id}") type="file" accept="image/*" on:change=on_file/>
            }
        })
    };
    view! {
        <li class="card managed-product" id=format!("managed-{id}")>
            {head}
            <div class="wide-row">
                <label for=format!("stock-amount-{id}")>{tr(Key::SaStockChange)}</label>
                <div class="inline">
                    <input id=format!("stock-amount-{id}") type="number" inputmode="numeric" min="1" bind:value=amount/>
                    <button type="button" id=format!("stock-in-{id}") disabled=move || pending.get() on:click=move |_| stock(1)>{tr(Key::SaStockIn)}</button>
                    <button type="button" class="secondary" id=format!("stock-out-{id}") disabled=move || pending.get() on:click=move |_| stock(-1)>{tr(Key::SaStockOut)}</button>
                </div>
                <div class="actions">{sale}</div>
                <EditProduct current/>
                {images}
                {move || pending.get().then(|| view! { <p class="muted" role="status">{tr(Key::SaSaving)}</p> })}
                {failure}
            </div>
        </li>
    }
}

/// The product's pictures, each with a button that removes it.
#[component]
fn Images(images: Vec<ProductImage>, product_id: i64, change: Action<Change, Result<(), ApiError>>) -> impl IntoView {
    if images.is_empty() {
        return view! { <p class="muted">{tr(Key::SaNoImages)}</p> }.into_any();
    }
    let items = images
        .into_iter()
        .map(|image| {
            let position = image.position;
            view! {
                <li>
                    <img class="thumb" src=image.thumb_url alt="" loading="lazy"/>
                    <button type="button" class="secondary" id=format!("remove-image-{product_id}-{position}")
                        on:click=move |_| { change.dispatch_local(Change::RemoveImage(position)); }>
                        {tr(Key::SaRemove)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain image-list" id=format!("images-{product_id}")>{items}</ul> }.into_any()
}

/// The first file chosen in `input`, if any (read through the DOM, as the
/// bindings for `FileList` are not compiled in).
fn chosen_file(input: &web_sys::HtmlInputElement) -> Option<JsValue> {
    let files = Reflect::get(input, &JsValue::from_str("files")).ok().filter(|f| !f.is_null() && !f.is_undefined())?;
    Reflect::get(&files, &JsValue::from(0)).ok().filter(|f| !f.is_null() && !f.is_undefined())
}
