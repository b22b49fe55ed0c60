//! Products (`/api/v1/products`): what producers sell, with price in fen,
//! stock and up to four images; searched by buyers while listed with stock.

use serde::{Deserialize, Serialize};

use super::{ProducerKind, ProductCategory, ProductStatus};

/// Creates a product (`POST /api/v1/producers/{id}/products`); it starts as a draft.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductRequest {
    /// Title, for example 紫阳富硒绿茶 250克.
    pub title: String,
    /// Category.
    pub category: ProductCategory,
    /// Description: taste, how it is made, storage.
    #[serde(default)]
    pub description: String,
    /// Price of one unit in fen (1 yuan = 100 fen), 1 to 10,000,000.
    pub price_fen: i64,
    /// The unit sold, for example 盒, 斤, 袋.
    pub unit: String,
    /// Weight of one unit in grams (for shipping), 0 when it does not apply.
    #[serde(default)]
    pub weight_grams: u32,
    /// Units in stock, 0 to 1,000,000.
    #[serde(default)]
    pub stock: u32,
    /// Where it comes from; default: the producer's region.
    #[serde(default)]
    pub origin_region_code: Option<String>,
}

/// Changes a product (`PATCH /api/v1/products/{id}`); absent fields stay.
/// Stock is changed by `POST /api/v1/products/{id}/stock`, never set, so
/// orders placed meanwhile are not lost.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProductUpdate {
    /// Title.
    #[serde(default)]
    pub title: Option<String>,
    /// Category.
    #[serde(default)]
    pub category: Option<ProductCategory>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Price of one unit in fen.
    #[serde(default)]
    pub price_fen: Option<i64>,
    /// Unit.
    #[serde(default)]
    pub unit: Option<String>,
    /// Weight in grams.
    #[serde(default)]
    pub weight_grams: Option<u32>,
    /// Origin region.
    #[serde(default)]
    pub origin_region_code: Option<String>,
}

/// Adds units to stock or takes them away (`POST /api/v1/products/{id}/stock`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StockChange {
    /// Units to add (positive) or remove (negative); stock never goes below 0.
    pub change: i64,
}

/// One image of a product, in two sizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductImage {
    /// Position, 0 (the cover) to 3.
    pub position: u8,
    /// Content hash naming the image.
    pub hash: String,
    /// A small square-ish thumbnail (for lists).
    pub thumb_url: String,
    /// The display size (for the product page).
    pub display_url: String,
    /// Display width in pixels.
    pub width: u32,
    /// Display height in pixels.
    pub height: u32,
}

/// Describes a product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Product {
    /// The product's id.
    pub id: i64,
    /// Its producer.
    pub producer_id: i64,
    /// The producer's name.
    pub producer_name: String,
    /// The producer's kind.
    pub producer_kind: ProducerKind,
    /// Title.
    pub title: String,
    /// Category.
    pub category: ProductCategory,
    /// Description.
    pub description: String,
    /// Price of one unit in fen.
    pub price_fen: i64,
    /// Unit.
    pub unit: String,
    /// Weight of one unit in grams.
    pub weight_grams: u32,
    /// Units in stock.
    pub stock: u32,
    /// Origin region code (canonical form).
    pub origin_region_code: String,
    /// Origin region's name (county and town).
    pub origin_region_name: String,
    /// Where it is in its life.
    pub status: ProductStatus,
    /// Images, cover first.
    pub images: Vec<ProductImage>,
    /// Created, seconds since the Unix epoch.
    pub created_at: i64,
    /// Last changed, seconds since the Unix epoch.
    pub updated_at: i64,
}

/// Lists products, with the total count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProductPage {
    /// The products on this page.
    pub items: Vec<Product>,
    /// Matching products in all.
    pub total: u64,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// Orders a product search.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProductSort {
    /// Best match first (newest first without words).
    #[default]
    Relevance,
    /// Cheapest first.
    PriceAsc,
    /// Dearest first.
    PriceDesc,
    /// Newest first.
    Newest,
}
