//! A stored order as a viewer sees it.

use doorstep_shared::api::{Order, OrderItem, OrderPart, PaymentMethod};

use super::OrderViewer;
use crate::domain::order_status;
use crate::storage::{StoredOrder, StoredOrderPart};

fn part_response(p: &StoredOrderPart) -> OrderPart {
    OrderPart {
        id: p.id,
        order_id: p.order_id,
        producer_id: p.producer_id,
        producer_name: p.producer_name.clone(),
        status: p.status,
        items: p
            .items
            .iter()
            .map(|i| OrderItem {
                product_id: i.product_id,
                title: i.title.clone(),
                price_fen: i.price_fen,
                quantity: u32::try_from(i.quantity).unwrap_or(0),
                line_fen: i.line_fen,
            })
            .collect(),
        total_fen: p.total_fen,
        carrier: p.carrier.clone(),
        tracking_number: p.tracking_number.clone(),
        cancel_reason: p.cancel_reason.clone(),
        paid_at: p.paid_at,
        shipped_at: p.shipped_at,
        delivered_at: p.delivered_at,
        cancelled_at: p.cancelled_at,
    }
}

/// The order with the parts `viewer` sees; the total is theirs too (a
/// producer does not learn what the buyer spent elsewhere).
pub fn order_response(o: &StoredOrder, viewer: &OrderViewer) -> Order {
    let parts: Vec<&StoredOrderPart> = o.parts.iter().filter(|p| viewer.sees(p)).collect();
    let buyer = matches!(viewer, OrderViewer::Buyer);
    Order {
        id: o.id,
        buyer_name: o.buyer_name.clone(),
        buyer_phone: o.buyer_phone.clone(),
        address: o.address.clone(),
        note: o.note.clone(),
        total_fen: if buyer { o.total_fen } else { parts.iter().map(|p| p.total_fen).sum() },
        payment: PaymentMethod::Offline,
        status: order_status(parts.iter().map(|p| p.status)),
        parts: parts.into_iter().map(part_response).collect(),
        view_code: buyer.then(|| o.view_code.clone()),
        created_at: o.created_at,
    }
}
