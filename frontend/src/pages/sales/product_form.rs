//! A product's form: a new one (title, category, price in yuan sent as fen,
//! unit, weight, first stock and a description; it starts as a draft, off
//! sale, until its producer lists it), and the same fields, filled in, to
//! change one. Stock is not among the changes: it moves by units in and out.

use doorstep_shared::api::{Product, ProductCategory, ProductRequest, ProductUpdate};
use leptos::prelude::*;

use super::money::parse_yuan;
use super::words::category_key;
use crate::api::{self, ApiError};
use crate::components::{last_failure, ErrorView};
use crate::format::parse_u32;
use crate::i18n::{tr, Key};

/// The fields as typed, shared by the new and the change form.
#[derive(Clone, Copy)]
struct Fields {
    title: RwSignal<String>,
    category: RwSignal<ProductCategory>,
    price: RwSignal<String>,
    unit: RwSignal<String>,
    weight: RwSignal<String>,
    description: RwSignal<String>,
    bad_price: RwSignal<bool>,
}

impl Fields {
    fn new(product: Option<&Product>) -> Self {
        let text = |pick: fn(&Product) -> String| RwSignal::new(product.map(pick).unwrap_or_default());
        Self {
            title: text(|p| p.title.clone()),
            category: RwSignal::new(product.map_or(ProductCategory::Tea, |p| p.category)),
            price: text(|p| format!("{}.{:02}", p.price_fen / 100, p.price_fen % 100)),
            unit: text(|p| p.unit.clone()),
            weight: text(|p| p.weight_grams.to_string()),
            description: text(|p| p.description.clone()),
            bad_price: RwSignal::new(false),
        }
    }

    /// The price in fen, or `None` (and the price marked wrong) when it does not read as yuan.
    fn price_fen(&self) -> Option<i64> {
        let fen = parse_yuan(&self.price.get_untracked()).filter(|fen| *fen > 0);
        self.bad_price.set(fen.is_none());
        fen
    }

    fn weight_grams(&self) -> u32 {
        parse_u32(&self.weight.get_untracked()).unwrap_or_default()
    }
}

/// The inputs of `fields`, their ids starting with `prefix`; `stock` is the
/// first stock of a new product.
#[component]
fn FieldInputs(fields: Fields, prefix: String, #[prop(optional)] stock: Option<RwSignal<String>>) -> impl IntoView {
    let id = move |name: &str| format!("{prefix}-{name}");
    let category = fields.category;
    let categories = ProductCategory::ALL
        .iter()
        .map(|&c| view! { <option value=c.as_str() prop:selected=move || category.get() == c>{tr(category_key(c))}</option> })
        .collect_view();
    let price_error = id("price-error");
    let stock = stock.map(|stock| {
        view! {
            <div>
                <label for=id("stock")>{tr(Key::SaStock)}</label>
                <input id=id("stock") type="number" inputmode="numeric" min="0" bind:value=stock/>
            </div>
        }
    });
    view! {
        <label for=id("title")>{tr(Key::SaProductTitle)}</label>
        <input id=id("title") type="text" bind:value=fields.title/>
        <label for=id("category")>{tr(Key::SaCategory)}</label>
        <select id=id("category") on:change=move |ev| category.set(ProductCategory::parse(&event_target_value(&ev)).unwrap_or(ProductCategory::Other))>
            {categories}
        </select>
        <div class="pair">
            <div>
                <label for=id("price")>{tr(Key::SaPriceYuan)}</label>
                <input id=id("price") type="text" inputmode="decimal" bind:value=fields.price/>
            </div>
            <div>
                <label for=id("unit")>{tr(Key::SaUnit)}</label>
                <input id=id("unit") type="text" bind:value=fields.unit/>
            </div>
        </div>
        {move || fields.bad_price.get().then(|| view! { <p class="field-error" id=price_error.clone() role="alert">{tr(Key::SaFieldPrice)}</p> })}
        <div class="pair">
            {stock}
            <div>
                <label for=id("weight")>{tr(Key::SaWeight)}</label>
                <input id=id("weight") type="number" inputmode="numeric" min="0" bind:value=fields.weight/>
            </div>
        </div>
        <label for=id("description")>{tr(Key::SaDescription)}</label>
        <textarea id=id("description") rows="3" bind:value=fields.description></textarea>
    }
}

/// The form for a new product, folded away until opened; `added` counts products made here.
#[component]
pub fn NewProduct(producer_id: i64, added: RwSignal<u32>) -> impl IntoView {
    let fields = Fields::new(None);
    let stock = RwSignal::new(String::new());
    let create = Action::new_local(move |request: &ProductRequest| {
        let request = request.clone();
        async move {
            api::create_product(producer_id, &request).await?;
            added.update(|n| *n += 1);
            Ok::<(), ApiError>(())
        }
    });
    let failure = last_failure(create);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(price_fen) = fields.price_fen() else { return };
        create.dispatch_local(ProductRequest {
            title: fields.title.get_untracked(),
            category: fields.category.get_untracked(),
            description: fields.description.get_untracked(),
            price_fen,
            unit: fields.unit.get_untracked(),
            weight_grams: fields.weight_grams(),
            stock: parse_u32(&stock.get_untracked()).unwrap_or_default(),
            origin_region_code: None,
        });
    };
    let done = move || {
        matches!(create.value().get(), Some(Ok(()))).then(|| view! { <p class="success" id="product-created" role="status">{tr(Key::SaProductAdded)}</p> })
    };
    view! {
        <details class="card" id="new-product">
            <summary>{tr(Key::SaNewProduct)}</summary>
            <form id="product-form" on:submit=on_submit>
                <FieldInputs fields prefix="new-product".to_string() stock/>
                <p class="muted">{tr(Key::SaDraftHint)}</p>
                {move || failure.get().map(|error| view! { <ErrorView error id="new-product-error"/> })}
                {done}
                <button id="new-product-save" type="submit" disabled=move || create.pending().get()>{tr(Key::SaAddProduct)}</button>
            </form>
        </details>
    }
}

/// The change form of a product on sale or not, folded away until opened;
/// the product as saved replaces `current`.
#[component]
pub fn EditProduct(current: RwSignal<Product>) -> impl IntoView {
    let (id, fields) = current.with_untracked(|p| (p.id, Fields::new(Some(p))));
    let save = Action::new_local(move |update: &ProductUpdate| {
        let update = update.clone();
        async move {
            current.set(api::update_product(id, &update).await?);
            Ok::<(), ApiError>(())
        }
    });
    let failure = last_failure(save);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(price_fen) = fields.price_fen() else { return };
        save.dispatch_local(ProductUpdate {
            title: Some(fields.title.get_untracked()),
            category: Some(fields.category.get_untracked()),
            description: Some(fields.description.get_untracked()),
            price_fen: Some(price_fen),
            unit: Some(fields.unit.get_untracked()),
            weight_grams: Some(fields.weight_grams()),
            origin_region_code: None,
        });
    };
    let done = move || {
        matches!(save.value().get(), Some(Ok(())))
            .then(|| view! { <p class="success" id=format!("product-saved-{id}") role="status">{tr(Key::SaProductSaved)}</p> })
    };
    view! {
        <details id=format!("edit-product-{id}")>
            <summary>{tr(Key::SaEditProduct)}</summary>
            <form on:submit=on_submit>
                <FieldInputs fields prefix=format!("edit-product-{id}")/>
                {move || failure.get().map(|error| view! { <ErrorView error/> })}
                {done}
                <button id=format!("edit-product-{id}-save") type="submit" disabled=move || save.pending().get()>{tr(Key::SaSaveProduct)}</button>
            </form>
        </details>
    }
}
