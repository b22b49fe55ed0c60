//! `GET /api/v1/orders` and `GET /api/v1/orders/{id}`.

use actix_web::web;
use doorstep_shared::api::{Order, OrderPage, OrderStatus, Role};
use serde::Deserialize;

use super::{order_response, order_viewer, OrderViewer};
use crate::auth::CurrentUser;
use crate::error::ApiError;
use crate::routes::paging::Paging;
use crate::storage::{get_order, list_orders, Db, OrderFilter};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrderQuery {
    /// A guest's order code (from the order's confirmation).
    code: Option<String>,
}

/// One order, as the caller sees it: whole for its buyer (or a guest with
/// its code), a producer's own parts, staff the parts in their jurisdiction.
#[utoipa::path(get, path = "/api/v1/orders/{id}", tag = "sales", params(OrderQuery),
    responses((status = 200, body = Order), (status = 404, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn get_order_handler(
    user: Option<CurrentUser>,
    path: web::Path<i64>,
    query: web::Query<OrderQuery>,
    db: web::Data<Db>,
) -> Result<web::Json<Order>, ApiError> {
    let order = get_order(&db, *path).await?;
    let viewer = order_viewer(user.as_ref(), query.code.as_deref(), &order)?;
    Ok(web::Json(order_response(&order, &viewer)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OrdersQuery {
    /// Only orders with a part in this status.
    status: Option<OrderStatus>,
    /// Whose orders: `bought` (the caller's purchases) or `sold` (for a
    /// producer account or staff: the orders they fulfil; the default for them).
    #[param(inline)]
    view: Option<OrdersView>,
    /// Page number from 1.
    page: Option<u32>,
    /// Page size, 1 to 100 (default 20).
    per_page: Option<u32>,
}

/// Which side of the orders to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrdersView {
    Bought,
    Sold,
}

/// Orders, newest first: the caller's purchases; or, for a producer's
/// account, the orders with its parts; for staff, those with parts of
/// producers in their jurisdiction.
#[utoipa::path(get, path = "/api/v1/orders", tag = "sales", params(OrdersQuery),
    responses((status = 200, body = OrderPage), (status = 401, body = doorstep_shared::api::ApiErrorBody)))]
pub async fn list_orders_handler(user: CurrentUser, query: web::Query<OrdersQuery>, db: web::Data<Db>) -> Result<web::Json<OrderPage>, ApiError> {
    let paging = Paging::parse(query.page, query.per_page, 20, 100)?;
    let staff = matches!(user.role, Role::Staff | Role::Admin);
    let sells = user.producer_id.is_some() || staff;
    let (filter, viewer) = match (query.view.unwrap_or(if sells { OrdersView::Sold } else { OrdersView::Bought }), user.producer_id) {
        (OrdersView::Bought, _) => (OrderFilter::Buyer(user.id), OrderViewer::Buyer),
        (OrdersView::Sold, Some(producer)) => (OrderFilter::Producer(producer), OrderViewer::Producer(producer)),
        (OrdersView::Sold, None) if staff => {
            let prefix = user.region.as_ref().map(ToString::to_string).unwrap_or_default();
            (OrderFilter::Region(prefix), OrderViewer::Staff(user.clone()))
        }
        (OrdersView::Sold, None) => return Err(ApiError::forbidden("only producers' accounts and staff see the orders they fulfil")),
    };
    let (orders, total) = list_orders(&db, &filter, query.status, paging.limit(), paging.offset()).await?;
    let items = orders.iter().map(|o| order_response(o, &viewer)).collect();
    Ok(web::Json(OrderPage { items, total: total as u64, page: paging.page, per_page: paging.per_page }))
}
