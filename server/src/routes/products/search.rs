//! `GET /api/v1/products`: anyone searches the products on sale with stock
//! by words, category, origin, price range and producer, ordered by
//! relevance, price or age.

use actix_web::web;
use doorstep_shared::api::{ErrorCode, ProductCategory, ProductPage, ProductSort};
use serde::Deserialize;

use super::{images_of_products, product_response};
use crate::domain::MAX_PRICE_FEN;
use crate::error::ApiError;
use crate::extract::ApiQuery;
use crate::reference::Regions;
use crate::routes::paging::Paging;
use crate::search::{ProductIndex, ProductSearch};
use crate::storage::{products_by_ids, Db};

/// The longest search text, in characters.
const MAX_WORDS: usize = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ProductsQuery {
    /// Words, Chinese or English ("富硒茶", "茶", "tea", "honey").
    q: Option<String>,
    /// Only products of this category.
    category: Option<ProductCategory>,
    /// Region code in any official form: only products from inside it.
    region: Option<String>,
    /// Price of one unit at least this many fen.
    min_price_fen: Option<i64>,
    /// Price of one unit at most this many fen.
    max_price_fen: Option<i64>,
    /// Only this producer's products.
    producer_id: Option<i64>,
    /// Default `relevance` (newest first without words).
    #[param(inline)]
    sort: Option<ProductSort>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 50 (default 20).
    per_page: Option<u32>,
}

fn bad(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::with_fields(ErrorCode::InvalidParameter, message, &[field])
}

/// Searches products listed with stock by verified producers.
#[utoipa::path(get, path = "/api/v1/products", tag = "sales", params(ProductsQuery),
    responses((status = 200, body = ProductPage), (status = 400, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn search_products(
    query: ApiQuery<ProductsQuery>,
    db: web::Data<Db>,
    regions: web::Data<Regions>,
    index: web::Data<ProductIndex>,
) -> Result<web::Json<ProductPage>, ApiError> {
    let q = query.0;
    let paging = Paging::parse(q.page, q.per_page, 20, 50)?;
    let request = product_search(&q, &regions, paging)?;
    let result = index.into_inner().search(request).await?;
    let stored = products_by_ids(&db, &result.ids).await?;
    let mut images = images_of_products(&db, &result.ids).await?;
    // Keep the search order; skip any taken off sale between index and database read.
    let items = result
        .ids
        .iter()
        .filter_map(|id| stored.iter().find(|p| p.id == *id && p.searchable()))
        .map(|p| product_response(p, images.remove(&p.id).unwrap_or_default(), &regions))
        .collect();
    Ok(web::Json(ProductPage { items, total: result.total as u64, page: paging.page, per_page: paging.per_page }))
}

/// The checked query as a search request.
fn product_search(q: &ProductsQuery, regions: &Regions, paging: Paging) -> Result<ProductSearch, ApiError> {
    let text = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(String::from);
    if text.as_ref().is_some_and(|t| t.chars().count() > MAX_WORDS) {
        return Err(bad("q", format!("q must be at most {MAX_WORDS} characters")));
    }
    let region = q.region.as_deref().map(|raw| regions.read(|t| t.resolve(raw)).map_err(|e| bad("region", e))).transpose()?;
    for (field, value) in [("min_price_fen", q.min_price_fen), ("max_price_fen", q.max_price_fen)] {
        if value.is_some_and(|fen| !(0..=MAX_PRICE_FEN).contains(&fen)) {
            return Err(bad(field, format!("{field} must be 0 to {MAX_PRICE_FEN} (fen)")));
        }
    }
    if let (Some(min), Some(max)) = (q.min_price_fen, q.max_price_fen) {
        if max < min {
            return Err(bad("max_price_fen", "max_price_fen is below min_price_fen"));
        }
    }
    if q.producer_id.is_some_and(|id| id < 1) {
        return Err(bad("producer_id", "producer_id must be positive"));
    }
    Ok(ProductSearch {
        text,
        category: q.category,
        region,
        min_price_fen: q.min_price_fen,
        max_price_fen: q.max_price_fen,
        producer_id: q.producer_id,
        sort: q.sort.unwrap_or_default(),
        offset: paging.offset() as usize,
        limit: paging.limit() as usize,
    })
}
