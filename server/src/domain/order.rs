//! An order parsed from the wire, the status machine of an order's parts,
//! and how income is split among a producer's households.

use doorstep_shared::api::{OrderRequest, OrderStatus};
use doorstep_shared::types::Phone;

use super::{check_status_move, text, FieldErrors, StatusRefusal};

/// A valid order request: what to take from stock, and for whom.
#[derive(Debug, Clone)]
pub struct OrderDraft {
    /// (product id, quantity), in the order given, each product once.
    pub lines: Vec<(i64, u32)>,
    pub buyer_name: String,
    pub buyer_phone: Phone,
    pub address: String,
    pub note: String,
}

const MAX_LINES: usize = 50;
const MAX_QUANTITY: u32 = 999;

pub fn parse_order(req: &OrderRequest) -> Result<OrderDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let buyer_name = text(&mut errors, "buyer_name", &req.buyer_name, 1, 50);
    let address = text(&mut errors, "address", &req.address, 4, 200);
    let note = text(&mut errors, "note", &req.note, 0, 500);
    let phone = Phone::parse(&req.buyer_phone).map_err(|e| errors.add("buyer_phone", e)).ok();
    if req.items.is_empty() || req.items.len() > MAX_LINES {
        errors.add("items", format!("an order has 1 to {MAX_LINES} items"));
    }
    let mut lines: Vec<(i64, u32)> = Vec::new();
    for (i, line) in req.items.iter().enumerate() {
        if !(1..=MAX_QUANTITY).contains(&line.quantity) {
            errors.add(format!("items[{i}].quantity"), format!("quantity must be 1 to {MAX_QUANTITY}"));
        }
        if lines.iter().any(|(p, _)| *p == line.product_id) {
            errors.add(format!("items[{i}].product_id"), "a product appears twice; order more of it in one line");
        }
        lines.push((line.product_id, line.quantity));
    }
    match phone {
        Some(buyer_phone) if errors.0.is_empty() => Ok(OrderDraft { lines, buyer_name, buyer_phone, address, note }),
        _ => Err(errors),
    }
}

/// A move of one producer's part of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderMove {
    /// placed → paid: payment confirmed by staff or the producer.
    Pay,
    /// paid → shipped, with a carrier and tracking number.
    Ship,
    /// shipped → delivered: income is attributed.
    Deliver,
    /// placed | paid → cancelled: the stock returns.
    Cancel,
}

impl OrderMove {
    pub fn from(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            Self::Pay => &[Placed],
            Self::Ship => &[Paid],
            Self::Deliver => &[Shipped],
            Self::Cancel => &[Placed, Paid],
        }
    }

    pub fn to(self) -> OrderStatus {
        match self {
            Self::Pay => OrderStatus::Paid,
            Self::Ship => OrderStatus::Shipped,
            Self::Deliver => OrderStatus::Delivered,
            Self::Cancel => OrderStatus::Cancelled,
        }
    }

    /// For the audit log: `order.pay`, ….
    pub fn action(self) -> &'static str {
        match self {
            Self::Pay => "order.pay",
            Self::Ship => "order.ship",
            Self::Deliver => "order.deliver",
            Self::Cancel => "order.cancel",
        }
    }
}

pub fn check_order_move(m: OrderMove, now: OrderStatus) -> Result<OrderStatus, StatusRefusal> {
    check_status_move(m.from(), m.to(), now)
}

/// An order's status: the least advanced of its live parts; cancelled when
/// every part is.
pub fn order_status(parts: impl IntoIterator<Item = OrderStatus>) -> OrderStatus {
    parts.into_iter().filter(|s| *s != OrderStatus::Cancelled).min().unwrap_or(OrderStatus::Cancelled)
}

/// Splits `total_fen` among `shares` (person, whole parts) in proportion,
/// rounding each down; the remainder (less than one fen per household) goes
/// to `remainder_person`. The amounts add up to `total_fen` exactly.
pub fn split_income(total_fen: i64, shares: &[(i64, u32)], remainder_person: i64) -> Vec<(i64, i64)> {
    let parts: i64 = shares.iter().map(|(_, s)| i64::from(*s)).sum();
    if parts == 0 {
        return vec![(remainder_person, total_fen)];
    }
    let mut split: Vec<(i64, i64)> = shares.iter().map(|&(person, share)| (person, total_fen * i64::from(share) / parts)).collect();
    let remainder = total_fen - split.iter().map(|(_, a)| a).sum::<i64>();
    match split.iter_mut().find(|(p, _)| *p == remainder_person) {
        Some((_, amount)) => *amount += remainder,
        None => split.push((remainder_person, remainder)),
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_order_move_from_every_status_follows_the_table() {
        use OrderStatus::*;
        let expected = [
            (OrderMove::Pay, Placed, Paid),
            (OrderMove::Ship, Paid, Shipped),
            (OrderMove::Deliver, Shipped, Delivered),
            (OrderMove::Cancel, Placed, Cancelled),
            (OrderMove::Cancel, Paid, Cancelled),
        ];
        for m in [OrderMove::Pay, OrderMove::Ship, OrderMove::Deliver, OrderMove::Cancel] {
            for &from in OrderStatus::ALL {
                let want = expected.iter().find(|(em, ef, _)| *em == m && *ef == from).map(|(_, _, to)| *to);
                assert_eq!(check_order_move(m, from).ok(), want, "{m:?} from {from:?}");
            }
        }
    }

    #[test]
    fn an_order_stands_where_its_least_advanced_live_part_stands() {
        use OrderStatus::*;
        assert_eq!(order_status([Shipped, Paid, Cancelled]), Paid);
        assert_eq!(order_status([Delivered, Cancelled]), Delivered);
        assert_eq!(order_status([Cancelled, Cancelled]), Cancelled);
    }

    #[test]
    fn a_split_adds_up_exactly_and_the_remainder_goes_to_the_named_household() {
        // 1000 fen in thirds: 333 each, 1 fen left for household 2.
        assert_eq!(split_income(1000, &[(1, 1), (2, 1), (3, 1)], 2), vec![(1, 333), (2, 334), (3, 333)]);
        // 3:1.
        assert_eq!(split_income(1001, &[(7, 3), (8, 1)], 7), vec![(7, 751), (8, 250)]);
        for total in [0, 1, 2, 99, 12_345, 9_999_999] {
            for shares in [vec![(1, 1)], vec![(1, 7), (2, 3), (3, 13)], vec![(1, 1000), (2, 1), (3, 1), (4, 999)]] {
                let split = split_income(total, &shares, shares[shares.len() - 1].0);
                assert_eq!(split.iter().map(|(_, a)| a).sum::<i64>(), total, "{total} by {shares:?}");
                assert!(split.iter().all(|(_, a)| *a >= 0));
            }
        }
    }
}
