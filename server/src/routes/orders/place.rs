//! `POST /api/v1/orders`: place an order, safely retried with an
//! `Idempotency-Key`.

use actix_web::{web, HttpRequest, HttpResponse};
use doorstep_shared::api::{ErrorCode, Order, OrderRequest};
use sha2::{Digest, Sha256};

use super::{order_response, OrderViewer};
use crate::auth::CurrentUser;
use crate::domain::{parse_order, verify_code};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::search::ProductIndex;
use crate::storage::{get_order, place_order, Db, PlaceOrder, RetryKey};

/// The header a client sends to retry safely.
pub const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Reads the retry key: 1 to 128 visible ASCII characters.
fn retry_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(raw) = req.headers().get(IDEMPOTENCY_KEY) else { return Ok(None) };
    match raw.to_str() {
        Ok(key) if (1..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) => Ok(Some(key.to_string())),
        _ => Err(ApiError::with_fields(ErrorCode::InvalidParameter, "Idempotency-Key must be 1 to 128 visible ASCII characters", &[IDEMPOTENCY_KEY])),
    }
}

/// Places an order for a signed-in buyer or a guest: the units are taken
/// from stock at once (409 `out_of_stock` naming the line when fewer are
/// left, and nothing is taken), split into one part per producer and paid
/// as one. With an `Idempotency-Key`, the same key and body answer the same
/// order (header `Idempotent-Replayed: true`); the same key with another
/// body is a 422.
#[utoipa::path(post, path = "/api/v1/orders", tag = "sales", request_body = OrderRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "A key the client makes per order, to retry safely")),
    responses((status = 201, body = Order), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
#[tracing::instrument(skip_all)]
pub async fn place_order_handler(
    req: HttpRequest,
    user: Option<CurrentUser>,
    body: ApiJson<OrderRequest>,
    db: web::Data<Db>,
    products: web::Data<ProductIndex>,
) -> Result<HttpResponse, ApiError> {
    let key = retry_key(&req)?;
    let draft = parse_order(&body.0).map_err(ApiError::from)?;
    let retry = key.map(|key| {
        let scope = match &user {
            Some(u) => format!("user:{}", u.id),
            None => format!("guest:{}", draft.buyer_phone.as_ref()),
        };
        // The parsed body, serialised in field order: the same request hashes alike however its keys were ordered.
        let body_hash = hex::encode(Sha256::digest(serde_json::to_vec(&body.0).unwrap_or_default()));
        RetryKey { scope, key, body_hash }
    });
    let view_code = verify_code(&mut rand::thread_rng());
    let (id, replayed) = match place_order(&db, &draft, user.as_ref().map(|u| u.id), retry.as_ref(), &view_code).await? {
        PlaceOrder::Placed(id) => (id, false),
        PlaceOrder::Replayed(id) => (id, true),
        PlaceOrder::KeyReused => {
            return Err(ApiError::with_fields(ErrorCode::IdempotencyKeyReused, "this Idempotency-Key was used with another order", &[IDEMPOTENCY_KEY]))
        }
        PlaceOrder::NotOnSale { line } => {
            let field = format!("items[{line}].product_id");
            return Err(ApiError::with_fields(ErrorCode::OutOfStock, format!("product {} is not on sale", draft.lines[line].0), &[&field]));
        }
        PlaceOrder::Short { line, left } => {
            let field = format!("items[{line}].quantity");
            return Err(ApiError::with_fields(
                ErrorCode::OutOfStock,
                match left {
                    0 => format!("product {} is sold out", draft.lines[line].0),
                    left => format!("only {left} units of product {} are left", draft.lines[line].0),
                },
                &[&field],
            ));
        }
    };
    if !replayed {
        // Stock was taken: a product may have sold out.
        products.changed.notify_one();
    }
    let order = order_response(&get_order(&db, id).await?, &OrderViewer::Buyer);
    let mut answer = HttpResponse::Created();
    if replayed {
        answer.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(answer.json(order))
}
