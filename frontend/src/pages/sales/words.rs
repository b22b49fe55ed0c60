//! What the sales pages share: the words for the platform's enums, status
//! badges, a product's picture, and the platform's own styles (they load
//! with its pages, so the first visit does not carry them).

use doorstep_shared::api::{OrderStatus, ProducerKind, ProducerStatus, ProductCategory, ProductImage, ProductStatus};
use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// Returns the key naming a product category.
pub fn category_key(category: ProductCategory) -> Key {
    match category {
        ProductCategory::Tea => Key::SaCatTea,
        ProductCategory::Konjac => Key::SaCatKonjac,
        ProductCategory::Honey => Key::SaCatHoney,
        ProductCategory::CuredMeat => Key::SaCatCuredMeat,
        ProductCategory::Mushrooms => Key::SaCatMushrooms,
        ProductCategory::GrainOil => Key::SaCatGrainOil,
        ProductCategory::Fruit => Key::SaCatFruit,
        ProductCategory::Vegetables => Key::SaCatVegetables,
        ProductCategory::Herbs => Key::SaCatHerbs,
        ProductCategory::Handicrafts => Key::SaCatHandicrafts,
        ProductCategory::Textiles => Key::SaCatTextiles,
        ProductCategory::Other => Key::SaCatOther,
    }
}

/// Returns the key naming a kind of producer.
pub fn producer_kind_key(kind: ProducerKind) -> Key {
    match kind {
        ProducerKind::Household => Key::SaKindHousehold,
        ProducerKind::Cooperative => Key::SaKindCooperative,
        ProducerKind::CommunityFactory => Key::SaKindCommunityFactory,
        ProducerKind::Enterprise => Key::SaKindEnterprise,
    }
}

/// Returns the key naming where a part of an order is.
pub fn order_status_key(status: OrderStatus) -> Key {
    match status {
        OrderStatus::Placed => Key::SaOrderPlaced,
        OrderStatus::Paid => Key::SaOrderPaid,
        OrderStatus::Shipped => Key::SaOrderShipped,
        OrderStatus::Delivered => Key::SaOrderDelivered,
        OrderStatus::Cancelled => Key::SaOrderCancelled,
    }
}

/// A coloured label; the classes reuse the posting and application colours.
fn badge(class: &'static str, key: Key) -> AnyView {
    view! { <span class=format!("badge {class}")>{tr(key)}</span> }.into_any()
}

/// Where a part of an order (or an order, by its least advanced part) is.
pub fn order_badge(status: OrderStatus) -> AnyView {
    let class = match status {
        OrderStatus::Placed => "status-pending",
        OrderStatus::Paid => "app-interviewing",
        OrderStatus::Shipped => "status-filled",
        OrderStatus::Delivered => "status-open",
        OrderStatus::Cancelled => "status-closed",
    };
    badge(class, order_status_key(status))
}

/// Where a product is.
pub fn product_badge(status: ProductStatus) -> AnyView {
    let (class, key) = match status {
        ProductStatus::Draft => ("status-pending", Key::SaProductDraft),
        ProductStatus::Listed => ("status-open", Key::SaProductListed),
        ProductStatus::SoldOut => ("status-filled", Key::SaProductSoldOut),
        ProductStatus::Delisted => ("status-closed", Key::SaProductDelisted),
    };
    badge(class, key)
}

/// Where a producer is.
pub fn producer_badge(status: ProducerStatus) -> AnyView {
    let (class, key) = match status {
        ProducerStatus::Pending => ("status-pending", Key::SaProducerPending),
        ProducerStatus::Verified => ("status-open", Key::SaProducerVerified),
        ProducerStatus::Suspended => ("status-closed", Key::SaProducerSuspended),
    };
    badge(class, key)
}

/// A product's cover as a small square, or a plain tile naming its
/// category when it has no picture yet. Lists load it lazily: on slow data
/// only the pictures on screen come down.
pub fn thumb(images: &[ProductImage], category: ProductCategory) -> AnyView {
    match images.first() {
        Some(image) => view! { <img class="thumb" src=image.thumb_url.clone() alt="" loading="lazy" decoding="async"/> }.into_any(),
        None => view! { <span class="thumb no-image" aria-hidden="true">{tr(category_key(category))}</span> }.into_any(),
    }
}

/// The platform's styles, loaded with its pages rather than in `index.html`.
const STYLE: &str = "
.shop-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; }
.shop-head a.button { width: auto; margin: 0; padding: 6px 14px; }
.shop-grid { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.product-card { position: relative; background: #fff; border-radius: 12px; overflow: hidden; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.product-card .thumb { display: flex; width: 100%; aspect-ratio: 1; }
.product-card .info { padding: 6px 10px 10px; }
.product-card h2 { font-size: 16px; line-height: 1.35; margin: 0; }
.product-card h2 a { display: block; color: inherit; }
.product-card h2 a::after { content: \"\"; position: absolute; inset: 0; }
.product-card .producer { font-size: 14px; color: #5b6561; }
.thumb { object-fit: cover; background: #e8eeeb; border-radius: 8px; }
.no-image { display: flex; align-items: center; justify-content: center; color: #5b6561; font-size: 15px; }
.product-card .thumb { border-radius: 0; }
.price { color: #b34700; font-weight: 700; }
.price.big { font-size: 26px; }
.chips-row { display: flex; gap: 8px; overflow-x: auto; padding: 2px 0 8px; margin: 0 0 4px; }
.chips-row button { flex: none; min-height: 44px; padding: 6px 14px; border-radius: 999px; background: #fff; border: 2px solid #cfd6d3; color: #24302c; font-weight: 400; }
.chips-row button[aria-pressed=true] { background: #0b6e4f; border-color: #0b6e4f; color: #fff; font-weight: 700; }
.gallery img.display { display: block; width: 100%; height: auto; border-radius: 12px; background: #e8eeeb; }
.gallery .pick { display: flex; gap: 8px; margin-top: 8px; }
.gallery .pick button { padding: 0; min-height: 56px; width: 56px; border-width: 2px; background: #fff; }
.gallery .pick button[aria-pressed=true] { border-color: #f2b705; }
.gallery .pick img { width: 100%; height: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 6px; }
.stepper { display: flex; align-items: center; gap: 6px; }
.stepper button { min-width: 48px; padding: 6px 0; margin: 0; }
.stepper output { min-width: 40px; text-align: center; font-weight: 700; }
.cart-line { display: grid; grid-template-columns: 64px 1fr; gap: 10px; padding: 10px 0; border-bottom: 1px solid #e3e7e5; }
.cart-line .thumb { width: 64px; height: 64px; }
.cart-line .row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px; }
a.button[aria-disabled=true] { opacity: .6; }
.total-line { display: flex; justify-content: space-between; align-items: baseline; font-size: 20px; font-weight: 700; margin-top: 12px; }
.order-code { font-size: 28px; font-weight: 700; letter-spacing: 3px; }
.part { border-top: 2px dashed #cfd6d3; margin-top: 12px; padding-top: 8px; }
.items { list-style: none; margin: 4px 0; padding: 0; }
.items li { display: flex; justify-content: space-between; gap: 8px; }
.tabs { display: flex; gap: 6px; overflow-x: auto; margin: 0 0 12px; }
.tabs a { flex: 1 0 auto; justify-content: center; padding: 6px 12px; border-radius: 8px; background: #fff; border: 2px solid #cfd6d3; text-decoration: none; }
.tabs a[aria-current=page] { background: #0b6e4f; border-color: #0b6e4f; color: #fff; font-weight: 700; }
.bars { list-style: none; margin: 0; padding: 0; }
.bars li { margin: 0 0 10px; }
.bars .label { display: flex; justify-content: space-between; gap: 8px; }
.bars .bar { height: 10px; border-radius: 5px; background: #0b6e4f; min-width: 2px; }
.figure-total { font-size: 30px; font-weight: 700; color: #0b5a3f; }
.managed-product { display: grid; grid-template-columns: 72px 1fr; gap: 10px; }
.managed-product .thumb { width: 72px; height: 72px; }
.managed-product .wide-row { grid-column: 1 / -1; }
";

/// A parameter of the page's address (`?producer=12&code=…`), read once
/// from the browser: the sales pages keep the router's query and navigation
/// out of their code. Values are ids and codes, so no decoding beyond `+`.
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name && !value.is_empty()).then(|| value.replace('+', " "))
    })
}

/// The platform's styles, as an element its pages carry (in the page, not
/// the document's head: they come and go with the pages that use them).
pub fn sales_style() -> AnyView {
    view! { <style>{STYLE}</style> }.into_any()
}
