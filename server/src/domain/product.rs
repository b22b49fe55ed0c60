//! A product parsed from the wire: every field checked, every error collected;
//! and the names of the product categories, Chinese and English, which search
//! finds a product by.

use doorstep_shared::api::{ProductCategory, ProductRequest, ProductUpdate};
use doorstep_shared::types::RegionCode;

use super::{text, FieldErrors};
use crate::reference::RegionTree;

/// A valid product, ready to store. Stock is set only when it is created.
#[derive(Debug, Clone)]
pub struct ProductDraft {
    pub title: String,
    pub category: ProductCategory,
    pub description: String,
    pub price_fen: i64,
    pub unit: String,
    pub weight_grams: u32,
    pub stock: u32,
    pub origin: RegionCode,
}

pub const MAX_PRICE_FEN: i64 = 10_000_000;
pub const MAX_STOCK: u32 = 1_000_000;
const MAX_WEIGHT_GRAMS: u32 = 100_000;

/// Checks a product request; the origin defaults to the producer's region.
pub fn parse_product(req: ProductRequest, producer_region: &RegionCode, regions: &RegionTree) -> Result<ProductDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let title = text(&mut errors, "title", &req.title, 1, 60);
    let description = text(&mut errors, "description", &req.description, 0, 2_000);
    let unit = text(&mut errors, "unit", &req.unit, 1, 10);
    if !(1..=MAX_PRICE_FEN).contains(&req.price_fen) {
        errors.add("price_fen", format!("price_fen must be 1 to {MAX_PRICE_FEN} (fen)"));
    }
    if req.weight_grams > MAX_WEIGHT_GRAMS {
        errors.add("weight_grams", format!("weight_grams must be at most {MAX_WEIGHT_GRAMS}"));
    }
    if req.stock > MAX_STOCK {
        errors.add("stock", format!("stock must be at most {MAX_STOCK}"));
    }
    let origin = match &req.origin_region_code {
        Some(raw) => regions.resolve_site(raw).map_err(|e| errors.add("origin_region_code", e)).ok(),
        None => Some(producer_region.clone()),
    };
    match origin {
        Some(origin) if errors.0.is_empty() => Ok(ProductDraft {
            title,
            category: req.category,
            description,
            price_fen: req.price_fen,
            unit,
            weight_grams: req.weight_grams,
            stock: req.stock,
            origin,
        }),
        _ => Err(errors),
    }
}

/// The request that recreates `draft`, so an update passes the same checks.
pub fn product_to_request(d: &ProductDraft) -> ProductRequest {
    ProductRequest {
        title: d.title.clone(),
        category: d.category,
        description: d.description.clone(),
        price_fen: d.price_fen,
        unit: d.unit.clone(),
        weight_grams: d.weight_grams,
        stock: d.stock,
        origin_region_code: Some(d.origin.to_string()),
    }
}

/// Overlays the fields present in `u`.
pub fn apply_product_update(mut r: ProductRequest, u: ProductUpdate) -> ProductRequest {
    r.title = u.title.unwrap_or(r.title);
    r.category = u.category.unwrap_or(r.category);
    r.description = u.description.unwrap_or(r.description);
    r.price_fen = u.price_fen.unwrap_or(r.price_fen);
    r.unit = u.unit.unwrap_or(r.unit);
    r.weight_grams = u.weight_grams.unwrap_or(r.weight_grams);
    r.origin_region_code = u.origin_region_code.or(r.origin_region_code);
    r
}

/// Chinese and English names of a product category, words a buyer may
/// search by: the one table of them.
pub fn product_category_names(c: ProductCategory) -> (&'static str, &'static str) {
    match c {
        ProductCategory::Tea => ("茶叶", "tea"),
        ProductCategory::Konjac => ("魔芋", "konjac"),
        ProductCategory::Honey => ("蜂蜜", "honey"),
        ProductCategory::CuredMeat => ("腊肉", "cured meat"),
        ProductCategory::Mushrooms => ("菌菇", "mushrooms"),
        ProductCategory::GrainOil => ("粮油", "grain and oil"),
        ProductCategory::Fruit => ("水果", "fruit"),
        ProductCategory::Vegetables => ("蔬菜干货", "vegetables"),
        ProductCategory::Herbs => ("中药材", "herbs"),
        ProductCategory::Handicrafts => ("手工艺品", "handicrafts"),
        ProductCategory::Textiles => ("纺织品丝绸", "textiles silk"),
        ProductCategory::Other => ("其他", "other"),
    }
}

#[cfg(test)]
mod tests {
    use doorstep_shared::api::ProductCategory;

    use super::product_category_names;

    #[test]
    fn every_product_category_has_its_own_chinese_and_english_names() {
        let mut seen = Vec::new();
        for &category in ProductCategory::ALL {
            let (zh, en) = product_category_names(category);
            assert!(!zh.is_empty() && zh.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{category:?}: {zh}");
            assert!(!en.is_empty() && en.chars().all(|c| c.is_ascii_lowercase() || c == ' '), "{category:?}: {en}");
            assert!(!seen.contains(&zh) && !seen.contains(&en), "{category:?} repeats a name");
            seen.extend([zh, en]);
        }
        assert_eq!(product_category_names(ProductCategory::CuredMeat), ("腊肉", "cured meat"));
    }
}
