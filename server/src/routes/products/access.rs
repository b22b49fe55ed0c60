//! Who may see and change a product: those who act for its producer may
//! change it; anyone sees it while it is on sale.

use crate::auth::{manages_producer, CurrentUser};
use crate::error::ApiError;
use crate::storage::{get_product, Db, StoredProduct};

/// Whether `user` acts for the product's producer.
pub fn manages(user: Option<&CurrentUser>, p: &StoredProduct) -> bool {
    user.is_some_and(|u| manages_producer(u, p.producer_id, &p.producer_region))
}

/// Loads a product the user may change; one on sale is a 403, any other a 404.
pub async fn managed_product(user: &CurrentUser, db: &Db, id: i64) -> Result<StoredProduct, ApiError> {
    let product = get_product(db, id).await?;
    if manages(Some(user), &product) {
        return Ok(product);
    }
    if product.on_sale() {
        return Err(ApiError::forbidden("only the producer's own accounts and the staff responsible for its region may change its products"));
    }
    Err(ApiError::not_found("product"))
}

/// Loads a product the caller may read.
pub async fn visible_product(user: Option<&CurrentUser>, db: &Db, id: i64) -> Result<StoredProduct, ApiError> {
    let product = get_product(db, id).await?;
    if product.on_sale() || manages(user, &product) {
        return Ok(product);
    }
    Err(ApiError::not_found("product"))
}
