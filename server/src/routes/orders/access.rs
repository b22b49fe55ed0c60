//! Who sees an order, and which of its parts: the buyer (their account, or
//! a guest with the order's code) sees it whole; a producer's account sees
//! its own parts; staff see the parts of producers in their jurisdiction.
//! Nobody else learns it exists.

use doorstep_shared::api::ErrorCode;

use crate::auth::{governs, CurrentUser};
use crate::domain::{same_code, OrderMove};
use crate::error::ApiError;
use crate::storage::{StoredOrder, StoredOrderPart};

/// How the caller stands to an order.
#[derive(Debug, Clone)]
pub enum OrderViewer {
    Buyer,
    /// An account acting for this producer.
    Producer(i64),
    /// Staff or admin; they see parts of producers they govern.
    Staff(CurrentUser),
}

impl OrderViewer {
    /// Whether the caller sees this part.
    pub fn sees(&self, part: &StoredOrderPart) -> bool {
        match self {
            Self::Buyer => true,
            Self::Producer(id) => part.producer_id == *id,
            Self::Staff(user) => governs(user, &part.producer_region),
        }
    }

    /// Whether the caller may make move `m` of a part they see: producers and
    /// staff make every move; the buyer confirms delivery and cancels.
    pub fn may(&self, m: OrderMove) -> bool {
        match self {
            Self::Producer(_) | Self::Staff(_) => true,
            Self::Buyer => matches!(m, OrderMove::Deliver | OrderMove::Cancel),
        }
    }
}

/// How `user` (or a guest holding `code`) stands to `order`; a 404 for
/// those who may not see it.
pub fn order_viewer(user: Option<&CurrentUser>, code: Option<&str>, order: &StoredOrder) -> Result<OrderViewer, ApiError> {
    let is_buyer = user.is_some_and(|u| order.buyer_user_id == Some(u.id)) || code.is_some_and(|c| same_code(c, &order.view_code));
    if is_buyer {
        return Ok(OrderViewer::Buyer);
    }
    if let Some(user) = user {
        if let Some(producer) = user.producer_id.filter(|p| order.parts.iter().any(|part| part.producer_id == *p)) {
            return Ok(OrderViewer::Producer(producer));
        }
        if order.parts.iter().any(|part| governs(user, &part.producer_region)) {
            return Ok(OrderViewer::Staff(user.clone()));
        }
    }
    Err(ApiError::not_found("order"))
}

/// Refuses a move the viewer may not make.
pub fn ensure_may(viewer: &OrderViewer, m: OrderMove) -> Result<(), ApiError> {
    if viewer.may(m) {
        return Ok(());
    }
    Err(ApiError::new(ErrorCode::Forbidden, "only the producer or staff confirm payment and ship an order"))
}
