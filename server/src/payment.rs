//! How an order is paid. Payment here is offline (bank transfer or cash on
//! delivery): the confirmation of staff or the producer is the proof. An
//! online method (a payment provider's callback) would be a second
//! implementation of `Payment`; the order moves stay as they are.

use doorstep_shared::api::PaymentMethod;

/// A payment method: what confirming a payment takes.
pub trait Payment: Send + Sync {
    fn method(&self) -> PaymentMethod;

    /// Confirms that `amount_fen` was paid, on the word of user `confirmed_by`;
    /// an error says why the confirmation is refused.
    fn confirm(&self, amount_fen: i64, confirmed_by: i64) -> Result<PaymentReceipt, String>;
}

/// A confirmed payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentReceipt {
    pub method: PaymentMethod,
    pub amount_fen: i64,
    pub confirmed_by: i64,
}

/// Offline payment: staff or the producer say the money arrived.
pub struct OfflinePayment;

impl Payment for OfflinePayment {
    fn method(&self) -> PaymentMethod {
        PaymentMethod::Offline
    }

    fn confirm(&self, amount_fen: i64, confirmed_by: i64) -> Result<PaymentReceipt, String> {
        if amount_fen < 0 {
            return Err("a payment cannot be negative".into());
        }
        Ok(PaymentReceipt { method: PaymentMethod::Offline, amount_fen, confirmed_by })
    }
}

/// The implementation of a method.
pub fn payment_for(method: PaymentMethod) -> &'static dyn Payment {
    match method {
        PaymentMethod::Offline => &OfflinePayment,
    }
}
