//! A stored product as the API shows it.

use doorstep_shared::api::{Product, ProductImage};

use crate::reference::Regions;
use crate::storage::StoredProduct;

pub fn product_response(p: &StoredProduct, images: Vec<ProductImage>, regions: &Regions) -> Product {
    let d = &p.content;
    Product {
        id: p.id,
        producer_id: p.producer_id,
        producer_name: p.producer_name.clone(),
        producer_kind: p.producer_kind,
        title: d.title.clone(),
        category: d.category,
        description: d.description.clone(),
        price_fen: d.price_fen,
        unit: d.unit.clone(),
        weight_grams: d.weight_grams,
        stock: d.stock,
        origin_region_code: d.origin.to_string(),
        origin_region_name: regions.place_name(d.origin.as_ref()),
        status: p.status,
        images,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}
