//! Where the app is: the address bar's path and query as signals, kept in
//! step with the app's links, the back and forward buttons and [`use_navigate`].
//!
//! Written here rather than taken from `leptos_router`: the app has one route
//! (`routes.rs` reads the page from the path), and what it needs of a router
//! is these signals and the links. The router's matching, nested outlets and
//! their view types cost every first visit 33 KB of brotli-compressed
//! WebAssembly (the main module went from 210,920 to 177,941 bytes without
//! it; BENCHMARKS.md, issue 9): 0.7 s for a phone on a weak signal.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent, UrlSearchParams};

/// The address as the app last saw it: its path and its query (`?…` or "").
#[derive(Debug, Clone, PartialEq)]
struct Address {
    path: String,
    search: String,
}

/// The current address, to read in components.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path, such as `/jobs`.
    pub pathname: Memo<String>,
    /// The query's parameters.
    pub query: Memo<Query>,
    address: RwSignal<Address>,
}

/// A query string, read by parameter name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query(String);

impl Query {
    /// The first value of parameter `name`, decoded.
    pub fn get(&self, name: &str) -> Option<String> {
        UrlSearchParams::new_with_str(&self.0).ok()?.get(name)
    }
}

/// Builds a query string from parameters, encoded as forms encode them.
#[derive(Default)]
pub struct QueryBuilder(Vec<(&'static str, String)>);

impl QueryBuilder {
    /// Adds a parameter.
    pub fn insert(&mut self, name: &'static str, value: String) {
        self.0.push((name, value));
    }

    /// `?a=1&b=2`, or "" when there are no parameters.
    pub fn to_query_string(&self) -> String {
        let Ok(params) = UrlSearchParams::new() else { return String::new() };
        for (name, value) in &self.0 {
            params.append(name, value);
        }
        let text: String = params.to_string().into();
        if text.is_empty() {
            text
        } else {
            format!("?{text}")
        }
    }
}

/// Starts following the address: once, in the app's root.
pub fn provide_location() {
    let address = RwSignal::new(current());
    // The listeners stay for the page's life (dropping a handle keeps its listener).
    // Back and forward: the browser has changed the address already.
    let _ = window_event_listener(ev::popstate, move |_| address.set(current()));
    let _ = window_event_listener(ev::click, move |event| {
        if let Some(to) = own_link(&event) {
            event.prevent_default();
            go(address, &to, false);
        }
    });
    let pathname = Memo::new(move |_| address.with(|a| a.path.clone()));
    let query = Memo::new(move |_| address.with(|a| Query(a.search.clone())));
    provide_context(Location { pathname, query, address });
}

/// The current address.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// The current query's parameters.
pub fn use_query() -> Memo<Query> {
    use_location().query
}

/// A function that shows another page of the app: give it a path with an
/// optional query. Taken while the component is built, so it can be called
/// later from anywhere (after a request, say).
pub fn use_navigate() -> impl Fn(&str) + Copy + 'static {
    let address = use_location().address;
    move |to: &str| go(address, to, false)
}

/// Shows another page in place of this one in the history, so the back button skips it.
#[component]
pub fn Redirect(
    /// Where to.
    path: &'static str,
) -> impl IntoView {
    let address = use_location().address;
    // After this render: the page that redirects is not replaced from inside its own build.
    set_timeout(move || go(address, path, true), std::time::Duration::ZERO);
}

fn current() -> Address {
    let location = window().location();
    Address { path: location.pathname().unwrap_or_default(), search: location.search().unwrap_or_default() }
}

/// Puts `to` in the address bar (as a new history entry unless `replace`),
/// shows it, and starts the new page at its top.
fn go(address: RwSignal<Address>, to: &str, replace: bool) {
    let Ok(history) = window().history() else { return };
    let here = current();
    if replace {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
    } else if format!("{}{}", here.path, here.search) != to {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to));
    }
    address.set(current());
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Where a click on one of the app's own links leads, as a path and query;
/// `None` for anything the browser should handle itself: a click that a
/// handler took, with a modifier key or not the main button, a link that
/// opens elsewhere, downloads or leaves the site, and the server's own
/// files (exports, error sheets).
fn own_link(event: &MouseEvent) -> Option<String> {
    if event.default_prevented() || event.button() != 0 || event.meta_key() || event.alt_key() || event.ctrl_key() || event.shift_key() {
        return None;
    }
    let anchor = event.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??.dyn_into::<HtmlAnchorElement>().ok()?;
    let external = anchor.get_attribute("rel").is_some_and(|rel| rel.split_whitespace().any(|word| word == "external"));
    if !anchor.target().is_empty() || anchor.has_attribute("download") || external {
        return None;
    }
    let path = anchor.pathname();
    let same_site = window().location().origin().ok().is_some_and(|origin| anchor.origin() == origin);
    if !same_site || path.starts_with("/api/") || path.starts_with("/pkg/") {
        return None;
    }
    Some(format!("{path}{}", anchor.search()))
}
