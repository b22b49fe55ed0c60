//! What the buyer's browser remembers (`localStorage`), so it survives a
//! reload and needs no account: the cart, the orders placed from this
//! browser with their codes (a guest follows them), the buyer's delivery
//! details, and the checkout attempt in flight with its retry key.

use doorstep_shared::api::{Order, Product, ProductStatus};
use serde::{Deserialize, Serialize};

use crate::state::{load_json, store_json};

const CART: &str = "doorstep.cart";
const ORDERS: &str = "doorstep.orders";
const BUYER: &str = "doorstep.buyer";
const ATTEMPT: &str = "doorstep.checkout";
/// Orders remembered at most, newest first.
const REMEMBERED: usize = 20;

/// One product in the cart, with what the buyer saw of it (shown at once,
/// then refreshed from the server on the cart page).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CartLine {
    pub product_id: i64,
    pub quantity: u32,
    pub title: String,
    pub price_fen: i64,
    pub unit: String,
    pub producer_id: i64,
    pub producer_name: String,
    #[serde(default)]
    pub thumb_url: Option<String>,
    pub stock: u32,
    /// Whether it can be ordered now (listed, with stock); refreshed on the cart page.
    #[serde(default = "on_sale")]
    pub on_sale: bool,
}

fn on_sale() -> bool {
    true
}

impl CartLine {
    /// The line for `quantity` units of a product, as it is now.
    pub fn of(product: &Product, quantity: u32) -> Self {
        let mut line = Self {
            product_id: product.id,
            quantity,
            title: String::new(),
            price_fen: 0,
            unit: String::new(),
            producer_id: product.producer_id,
            producer_name: String::new(),
            thumb_url: None,
            stock: 0,
            on_sale: true,
        };
        line.refresh(product);
        line
    }

    /// Takes the product's current title, price, stock and pictures.
    pub fn refresh(&mut self, product: &Product) {
        self.title = product.title.clone();
        self.price_fen = product.price_fen;
        self.unit = product.unit.clone();
        self.producer_id = product.producer_id;
        self.producer_name = product.producer_name.clone();
        self.thumb_url = product.images.first().map(|image| image.thumb_url.clone());
        self.stock = product.stock;
        self.on_sale = product.status == ProductStatus::Listed && product.stock > 0;
    }

    /// `price × quantity`, fen.
    pub fn line_fen(&self) -> i64 {
        self.price_fen.saturating_mul(i64::from(self.quantity))
    }

    /// Whether this line can be ordered as it stands.
    pub fn orderable(&self) -> bool {
        self.on_sale && self.quantity >= 1 && self.quantity <= self.stock
    }
}

/// The cart as last saved (empty when nothing, or nothing readable, is).
pub fn load_cart() -> Vec<CartLine> {
    load_json(CART).unwrap_or_default()
}

/// Saves the cart.
pub fn save_cart(lines: &[CartLine]) {
    store_json(CART, &lines);
}

/// Units in the cart.
pub fn cart_units(lines: &[CartLine]) -> u32 {
    lines.iter().map(|line| line.quantity).sum()
}

/// The sum of the lines, fen.
pub fn cart_fen(lines: &[CartLine]) -> i64 {
    lines.iter().map(CartLine::line_fen).sum()
}

/// Adds units of a product (at most its stock in all) and saves; returns the units of it now in the cart.
pub fn add_to_cart(product: &Product, quantity: u32) -> u32 {
    let mut lines = load_cart();
    let now = match lines.iter_mut().find(|line| line.product_id == product.id) {
        Some(line) => {
            line.refresh(product);
            line.quantity = line.quantity.saturating_add(quantity).min(product.stock.max(1));
            line.quantity
        }
        None => {
            lines.push(CartLine::of(product, quantity.min(product.stock.max(1))));
            quantity.min(product.stock.max(1))
        }
    };
    save_cart(&lines);
    now
}

/// The producers of the lines, in the order they first appear, each with its lines: one parcel each.
pub fn by_producer(lines: &[CartLine]) -> Vec<(String, Vec<CartLine>)> {
    let mut groups: Vec<(i64, String, Vec<CartLine>)> = Vec::new();
    for line in lines {
        match groups.iter_mut().find(|(id, _, _)| *id == line.producer_id) {
            Some((_, _, group)) => group.push(line.clone()),
            None => groups.push((line.producer_id, line.producer_name.clone(), vec![line.clone()])),
        }
    }
    groups.into_iter().map(|(_, name, group)| (name, group)).collect()
}

/// An order placed from this browser: what a guest needs to follow it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RememberedOrder {
    pub id: i64,
    pub code: String,
    pub total_fen: i64,
    pub created_at: i64,
}

/// Remembers an order just placed, newest first.
pub fn remember_order(order: &Order) {
    let Some(code) = order.view_code.clone() else { return };
    let mut orders = remembered_orders();
    orders.retain(|o| o.id != order.id);
    orders.insert(0, RememberedOrder { id: order.id, code, total_fen: order.total_fen, created_at: order.created_at });
    orders.truncate(REMEMBERED);
    store_json(ORDERS, &orders);
}

/// The orders placed from this browser, newest first.
pub fn remembered_orders() -> Vec<RememberedOrder> {
    load_json(ORDERS).unwrap_or_default()
}

/// The code remembered for an order, if it was placed here.
pub fn remembered_code(id: i64) -> Option<String> {
    remembered_orders().into_iter().find(|o| o.id == id).map(|o| o.code)
}

/// Who receives an order and where: filled in for the next one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Buyer {
    pub name: String,
    pub phone: String,
    pub address: String,
}

pub fn load_buyer() -> Option<Buyer> {
    load_json(BUYER)
}

pub fn save_buyer(buyer: &Buyer) {
    store_json(BUYER, buyer);
}

/// A checkout attempt: its retry key and the body sent with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Attempt {
    key: String,
    body: String,
}

/// The retry key for an order body: the key of the last attempt when it
/// sent this very body (a retry after a lost answer must not order twice,
/// even after a reload), a new one for anything else (the server refuses a
/// key reused with another body). The attempt is remembered until it succeeds.
pub fn retry_key_for(body: &str) -> String {
    if let Some(attempt) = load_json::<Attempt>(ATTEMPT).filter(|attempt| attempt.body == body) {
        return attempt.key;
    }
    let key = new_key(body);
    store_json(ATTEMPT, &Attempt { key: key.clone(), body: body.to_string() });
    key
}

/// Forgets the attempt once its order is placed.
pub fn attempt_done() {
    store_json(ATTEMPT, &None::<Attempt>);
}

/// A fresh key: the time in milliseconds and a hash of the body, in hex (the
/// server takes 1 to 128 visible ASCII characters, and scopes keys to the
/// buyer, so a buyer's attempts only need to differ from one another).
fn new_key(body: &str) -> String {
    // FNV-1a, 64 bits.
    let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{:x}-{hash:x}", web_sys::js_sys::Date::now() as u64)
}
