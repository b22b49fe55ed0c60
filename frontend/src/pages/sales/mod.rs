//! The product-sales platform's pages: the buyers' (the shop and its search,
//! a product with its pictures and producer, the cart kept in the browser,
//! checkout as a guest or signed in, an order and following it, my orders)
//! and the sellers' (a producer's products, stock and pictures; orders to
//! fulfil; staff's producers and the sales figures). They load in two lazy
//! groups (`routes.rs`), with the platform's strings and styles.

mod cart;
mod cart_page;
mod checkout;
mod desk;
mod figures;
mod fulfil;
mod managed;
mod money;
mod my_orders;
mod order;
mod producers;
mod product;
mod product_form;
mod shop;
mod tabs;
mod words;

pub use cart_page::CartPage;
pub use checkout::CheckoutPage;
pub use desk::{MyShopPage, ProducerPage};
pub use figures::SalesFiguresPage;
pub use fulfil::SalesOrdersPage;
pub use my_orders::MyOrdersPage;
pub use order::OrderPage;
pub use producers::ProducersPage;
pub use product::ProductPage;
pub use shop::ShopPage;
pub use words::sales_style;
