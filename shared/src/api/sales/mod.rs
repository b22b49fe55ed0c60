//! The product-sales platform (消费帮扶): producers and the households they
//! benefit, products with images, orders split per producer, and the income
//! delivered orders bring to households. Money is integer fen everywhere.
//! The enums every part shares live here; each resource's bodies in its file.

use serde::{Deserialize, Serialize};

mod figures;
mod orders;
mod producers;
mod products;

pub use figures::*;
pub use orders::*;
pub use producers::*;
pub use products::*;

/// Says what kind of producer sells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProducerKind {
    /// A household in need selling its own produce (农户).
    Household,
    /// A cooperative (合作社).
    Cooperative,
    /// A community factory (社区工厂).
    CommunityFactory,
    /// An enterprise that shares income with households (帮扶企业).
    Enterprise,
}

/// Names where a producer is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProducerStatus {
    /// Registered; its products cannot be listed until staff verify it.
    Pending,
    /// Verified by staff; may list products.
    Verified,
    /// Stopped by staff; its products are not shown.
    Suspended,
}

/// Names a product category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProductCategory {
    /// 茶叶.
    Tea,
    /// 魔芋.
    Konjac,
    /// 蜂蜜.
    Honey,
    /// 腊肉.
    CuredMeat,
    /// 菌菇.
    Mushrooms,
    /// 粮油.
    GrainOil,
    /// 水果.
    Fruit,
    /// 蔬菜与干货.
    Vegetables,
    /// 中药材.
    Herbs,
    /// 手工艺品.
    Handicrafts,
    /// 纺织品 (丝绸).
    Textiles,
    /// 其他.
    Other,
}

/// Names where a product is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ProductStatus {
    /// Being written; not shown to buyers.
    Draft,
    /// Shown and orderable while it has stock.
    Listed,
    /// Listed, but every unit is taken; listed again when stock returns.
    SoldOut,
    /// Taken off sale by its producer or staff.
    Delisted,
}

/// Names where one producer's part of an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum OrderStatus {
    /// Placed; the stock is reserved, payment is awaited.
    Placed,
    /// Payment confirmed (by staff or the producer).
    Paid,
    /// Sent, with a carrier and tracking number.
    Shipped,
    /// Received; its income is attributed to the households.
    Delivered,
    /// Called off before shipping; the stock returned.
    Cancelled,
}

/// Names how an order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PaymentMethod {
    /// Paid offline (bank transfer or cash on delivery), confirmed by staff or the producer.
    Offline,
}
