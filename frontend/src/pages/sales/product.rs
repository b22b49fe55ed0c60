//! "商品详情 / A product": its pictures, price, stock and where it comes
//! from, who made it (the producer, and the way to their other products),
//! and adding a number of units to the cart.

use doorstep_shared::api::{Producer, Product, ProductImage, ProductStatus};
use leptos::prelude::*;

use super::cart::{add_to_cart, cart_units, load_cart};
use super::money::yuan;
use super::shop::CartLink;
use super::words::{category_key, producer_kind_key};
use crate::api::{self, ApiError};
use crate::components::{section, Async};
use crate::i18n::{tr, trf, Key};

/// Loads the product, then its producer; shows them.
#[component]
pub fn ProductPage(
    /// The product's id, from the path.
    id: i64,
) -> impl IntoView {
    let data = LocalResource::new(move || async move {
        let product = api::get_product(id).await?;
        // The producer is a nicety: the product shows without it.
        let producer = api::get_producer(product.producer_id).await.ok();
        Ok::<_, ApiError>((product, producer))
    });
    let load = move || {
        section(async move {
            let (product, producer) = data.await?;
            Ok(view! { <ProductView product producer/> }.into_any())
        })
    };
    view! { <Async load/> }
}

#[component]
fn ProductView(product: Product, producer: Option<Producer>) -> impl IntoView {
    let units = RwSignal::new(cart_units(&load_cart()));
    let on_sale = product.status == ProductStatus::Listed && product.stock > 0;
    let facts = {
        let stock = match product.status {
            _ if on_sale => trf(Key::SaInStock, vec![("count", product.stock.to_string()), ("unit", product.unit.clone())]).into_any(),
            ProductStatus::Listed | ProductStatus::SoldOut => view! { <strong id="product-sold-out">{tr(Key::SaSoldOut)}</strong> }.into_any(),
            ProductStatus::Draft | ProductStatus::Delisted => view! { <strong id="product-off-sale">{tr(Key::SaNoLongerOnSale)}</strong> }.into_any(),
        };
        view! {
            <dl class="facts">
                <dt>{tr(Key::SaStock)}</dt>
                <dd id="product-stock">{stock}</dd>
                <dt>{tr(Key::SaOrigin)}</dt>
                <dd id="product-origin">{product.origin_region_name.clone()}</dd>
                <dt>{tr(Key::SaCategory)}</dt>
                <dd>{tr(category_key(product.category))}</dd>
            </dl>
        }
    };
    let price = format!("{} / {}", yuan(product.price_fen), product.unit);
    let description = (!product.description.is_empty()).then(|| view! { <p class="description" id="product-description">{product.description.clone()}</p> });
    let producer_id = product.producer_id;
    let buy = on_sale.then(|| view! { <AddToCart product=product.clone() units/> });
    view! {
        <div class="shop-head">
            <a href="/shop" id="back-to-shop">{tr(Key::SaBackToShop)}</a>
            <CartLink units/>
        </div>
        <Gallery images=product.images.clone() title=product.title.clone()/>
        <section class="card">
            <h1 id="product-title">{product.title.clone()}</h1>
            <p class="price big" id="product-price">{price}</p>
            {facts}
            {description}
            {buy}
        </section>
        <ProducerCard producer_id producer_name=product.producer_name.clone() producer/>
    }
}

/// The display picture and, with more than one, small pictures that choose it.
#[component]
fn Gallery(images: Vec<ProductImage>, title: String) -> impl IntoView {
    if images.is_empty() {
        return ().into_any();
    }
    let shown = RwSignal::new(0_usize);
    let main = {
        let images = images.clone();
        move || {
            let image = images.get(shown.get()).or(images.first()).cloned()?;
            Some(view! {
                <img class="display" id="product-image" src=image.display_url width=image.width height=image.height alt=title.clone()/>
            })
        }
    };
    let picks = (images.len() > 1).then(|| {
        let buttons = images
            .iter()
            .enumerate()
            .map(|(at, image)| {
                let pressed = move || (shown.get() == at).to_string();
                view! {
                    <button type="button" id=format!("image-pick-{at}") aria-pressed=pressed on:click=move |_| shown.set(at)>
                        <img src=image.thumb_url.clone() alt="" loading="lazy"/>
                    </button>
                }
            })
            .collect_view();
        view! { <div class="pick">{buttons}</div> }
    });
    view! { <div class="gallery card">{main}{picks}</div> }.into_any()
}

/// A number of units (one to the stock) and the button that puts them in the cart.
#[component]
fn AddToCart(product: Product, units: RwSignal<u32>) -> impl IntoView {
    let most = product.stock.clamp(1, 999);
    let quantity = RwSignal::new(1_u32);
    let added = RwSignal::new(None::<u32>);
    let on_add = move |_| {
        let now = add_to_cart(&product, quantity.get_untracked());
        units.set(cart_units(&load_cart()));
        added.set(Some(now));
    };
    let note = move || {
        added.get().map(|now| {
            view! {
                <p class="success" id="added-to-cart" role="status">
                    {trf(Key::SaAddedToCart, vec![("count", now.to_string())])}" "
                    <a href="/cart" id="go-to-cart">{tr(Key::SaGoToCart)}</a>
                </p>
            }
        })
    };
    view! {
        <label for="product-quantity">{tr(Key::SaQuantity)}</label>
        <Stepper value=quantity most id="product-quantity"/>
        <button id="add-to-cart" type="button" class="wide big" on:click=on_add>{tr(Key::SaAddToCart)}</button>
        {note}
    }
}

/// Minus, the number, plus: big buttons rather than a keyboard on a phone.
#[component]
pub fn Stepper(
    /// The number, 1 to `most`.
    value: RwSignal<u32>,
    most: u32,
    /// The id of the number (`{id}-less` and `{id}-more` for the buttons).
    #[prop(into)]
    id: String,
    /// Called after each change.
    #[prop(optional)]
    changed: Option<Callback<u32>>,
) -> impl IntoView {
    let step = move |by: i64| {
        let next = (i64::from(value.get_untracked()) + by).clamp(1, i64::from(most.max(1)));
        let next = u32::try_from(next).unwrap_or(1);
        value.set(next);
        if let Some(changed) = changed {
            changed.run(next);
        }
    };
    let (less, more) = (format!("{id}-less"), format!("{id}-more"));
    view! {
        <div class="stepper">
            <button type="button" class="secondary" id=less aria-label=tr(Key::SaFewer) disabled=move || { value.get() <= 1 } on:click=move |_| step(-1)>"−"</button>
            <output id=id aria-live="polite">{move || value.get().to_string()}</output>
            <button type="button" class="secondary" id=more aria-label=tr(Key::SaMore) disabled=move || { value.get() >= most } on:click=move |_| step(1)>"+"</button>
        </div>
    }
}

/// Who made it: the producer's name, kind, place and story, and their other products.
#[component]
fn ProducerCard(producer_id: i64, producer_name: String, producer: Option<Producer>) -> impl IntoView {
    let more = format!("/shop?producer={producer_id}");
    let details = producer.map(|producer| {
        view! {
            <p class="facts" id="producer-kind">{tr(producer_kind_key(producer.kind))}" · "{producer.region_name}</p>
            {(!producer.description.is_empty()).then(|| view! { <p class="description">{producer.description}</p> })}
        }
    });
    view! {
        <section class="card" id="producer-card">
            <h2>{tr(Key::SaMadeBy)}</h2>
            <p class="employer" id="producer-name">{producer_name}</p>
            {details}
            <a href=more id="producer-products">{tr(Key::SaProducerProducts)}</a>
        </section>
    }
}
