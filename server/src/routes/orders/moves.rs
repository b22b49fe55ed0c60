//! Order moves: a part is paid, shipped, delivered or cancelled
//! (`/api/v1/order-parts/{id}/…`); staff confirm a whole order's payment at
//! once (`/api/v1/orders/{id}/pay`).

use actix_web::web;
use doorstep_shared::api::{CancelOrderRequest, ErrorCode, Order, OrderStatus, PaymentMethod, ShipRequest};
use doorstep_shared::types::YearMonth;
use serde::Deserialize;

use super::{ensure_may, order_response, order_viewer, OrderViewer};
use crate::auth::CurrentUser;
use crate::clock::today;
use crate::domain::{check_order_move, text, FieldErrors, OrderMove, StatusRefusal};
use crate::error::{status_refusal, ApiError};
use crate::extract::ApiJson;
use crate::payment::payment_for;
use crate::search::ProductIndex;
use crate::storage::{get_order, get_order_part, move_order_part, pay_order, Db, MoveDetails, PartWrite};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PartQuery {
    /// A guest buyer's order code.
    code: Option<String>,
}

async fn apply(m: OrderMove, user: Option<CurrentUser>, code: Option<&str>, part_id: i64, details: MoveDetails, db: &Db) -> Result<web::Json<Order>, ApiError> {
    let part = get_order_part(db, part_id).await?;
    let order = get_order(db, part.order_id).await?;
    let viewer = order_viewer(user.as_ref(), code, &order)?;
    if !viewer.sees(&part) {
        return Err(ApiError::not_found("order part"));
    }
    ensure_may(&viewer, m)?;
    check_order_move(m, part.status).map_err(status_refusal)?;
    let actor = user.as_ref().map(|u| u.id);
    if m == OrderMove::Pay {
        payment_for(PaymentMethod::Offline).confirm(part.total_fen, actor.unwrap_or(0)).map_err(|e| ApiError::new(ErrorCode::MoveNotAllowed, e))?;
    }
    let month = YearMonth::of(today()).to_string();
    let written = move_order_part(db, part_id, m, &details, &month, actor).await?;
    if let PartWrite::Moved(now) = written {
        return Err(status_refusal(StatusRefusal::Illegal { from: now.as_str(), to: m.to().as_str() }));
    }
    Ok(web::Json(order_response(&get_order(db, order.id).await?, &viewer)))
}

/// Confirms the payment of a part (the producer collected cash on delivery, or staff saw the transfer).
#[utoipa::path(post, path = "/api/v1/order-parts/{id}/pay", tag = "sales",
    responses((status = 200, body = Order), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn pay_order_part(user: CurrentUser, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<Order>, ApiError> {
    apply(OrderMove::Pay, Some(user), None, *path, MoveDetails::default(), &db).await
}

/// Ships a paid part, with the carrier and its tracking number.
#[utoipa::path(post, path = "/api/v1/order-parts/{id}/ship", tag = "sales", request_body = ShipRequest,
    responses((status = 200, body = Order), (status = 409, body = doorstep_shared::api::ApiErrorBody), (status = 422, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn ship_order_part(user: CurrentUser, path: web::Path<i64>, body: ApiJson<ShipRequest>, db: web::Data<Db>) -> Result<web::Json<Order>, ApiError> {
    let mut errors = FieldErrors::default();
    let carrier = text(&mut errors, "carrier", &body.0.carrier, 1, 40);
    let tracking = text(&mut errors, "tracking_number", &body.0.tracking_number, 4, 40);
    if !errors.0.is_empty() {
        return Err(errors.into());
    }
    let details = MoveDetails { carrier: Some(carrier), tracking_number: Some(tracking), cancel_reason: None };
    apply(OrderMove::Ship, Some(user), None, *path, details, &db).await
}

/// Confirms delivery (the buyer, the producer or staff): the part's value
/// becomes the households' income.
#[utoipa::path(post, path = "/api/v1/order-parts/{id}/deliver", tag = "sales", params(PartQuery),
    responses((status = 200, body = Order), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn deliver_order_part(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    query: web::Query<PartQuery>,
    db: web::Data<Db>,
) -> Result<web::Json<Order>, ApiError> {
    apply(OrderMove::Deliver, user, query.code.as_deref(), *path, MoveDetails::default(), &db).await
}

/// Cancels a part before it ships (the buyer, the producer or staff): its units return to stock.
#[utoipa::path(post, path = "/api/v1/order-parts/{id}/cancel", tag = "sales", params(PartQuery), request_body = CancelOrderRequest,
    responses((status = 200, body = Order), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn cancel_order_part(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    query: web::Query<PartQuery>,
    body: ApiJson<CancelOrderRequest>,
    db: web::Data<Db>,
    products: web::Data<ProductIndex>,
) -> Result<web::Json<Order>, ApiError> {
    let mut errors = FieldErrors::default();
    let reason = text(&mut errors, "reason", &body.0.reason, 0, 200);
    if !errors.0.is_empty() {
        return Err(errors.into());
    }
    let details = MoveDetails { cancel_reason: Some(reason), ..MoveDetails::default() };
    let cancelled = apply(OrderMove::Cancel, user, query.code.as_deref(), *path, details, &db).await?;
    // Its units returned to stock: a sold-out product is on sale again.
    products.changed.notify_one();
    Ok(cancelled)
}

/// Confirms the payment of a whole order at once (staff governing every
/// part's producer, or the producer of every part): the order is paid as one.
#[utoipa::path(post, path = "/api/v1/orders/{id}/pay", tag = "sales",
    responses((status = 200, body = Order), (status = 403, body = doorstep_shared::api::ApiErrorBody), (status = 409, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn pay_order_handler(user: CurrentUser, path: web::Path<i64>, db: web::Data<Db>) -> Result<web::Json<Order>, ApiError> {
    let order = get_order(&db, *path).await?;
    let viewer = order_viewer(Some(&user), None::<&str>, &order)?;
    if matches!(viewer, OrderViewer::Buyer) || !order.parts.iter().all(|p| viewer.sees(p)) {
        return Err(ApiError::forbidden("only those who fulfil every part of the order confirm its payment at once"));
    }
    if !order.parts.iter().any(|p| p.status == OrderStatus::Placed) {
        let from = order.parts.iter().map(|p| p.status).min().unwrap_or(OrderStatus::Cancelled);
        return Err(status_refusal(StatusRefusal::Illegal { from: from.as_str(), to: OrderStatus::Paid.as_str() }));
    }
    payment_for(PaymentMethod::Offline).confirm(order.total_fen, user.id).map_err(|e| ApiError::new(ErrorCode::MoveNotAllowed, e))?;
    pay_order(&db, order.id, user.id).await?;
    Ok(web::Json(order_response(&get_order(&db, order.id).await?, &viewer)))
}
