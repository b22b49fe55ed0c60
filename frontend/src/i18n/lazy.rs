//! The texts the main module does not carry, fetched from beside the
//! WebAssembly and kept for the session:
//! - the areas of `LAZY_AREAS` (in `frontend/strings/table.rs`), from
//!   `strings-<area>.txt`, the first time a page of the area is shown. Both
//!   languages come in the one file, so switching language needs nothing more;
//! - the English of the other keys, from `strings-en.txt` ([`load_english`]),
//!   the first time English is wanted: most visitors read Chinese only.
//!
//! The main module only asks the browser to start the download
//! ([`preload_area`], while the pages' module loads); [`WithTexts`], in the
//! area's pages, reads it. So the fetching code loads with the pages too.

use std::cell::RefCell;

use leptos::prelude::*;

use super::keys::{EAGER_KEYS, ENGLISH_FILE, LAZY_AREAS};
use super::Lang;
use crate::api::{get_text, ApiError};
use crate::components::{ErrorView, Loading};

thread_local! {
    /// Each fetched key's Chinese and English texts, by key number from
    /// `EAGER_KEYS`; empty until its area is in.
    static TEXTS: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    /// The English of the keys before `EAGER_KEYS`; empty until fetched.
    static ENGLISH: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// The English of a key the main module carries, once fetched.
pub(super) fn english(key: usize) -> Option<&'static str> {
    ENGLISH.with_borrow(|texts| texts.get(key).copied())
}

/// Whether the English of the main module's keys is in.
pub(super) fn has_english() -> bool {
    ENGLISH.with_borrow(|texts| !texts.is_empty())
}

/// Fetches the English of the main module's keys unless it is in already.
pub(super) async fn load_english() -> Result<(), ApiError> {
    if has_english() {
        return Ok(());
    }
    let lines = fetch_lines(ENGLISH_FILE, EAGER_KEYS).await?;
    ENGLISH.with_borrow_mut(|texts| *texts = lines);
    Ok(())
}

/// Fetches one of the texts files and splits it into its `count` lines.
async fn fetch_lines(file: &str, count: usize) -> Result<Vec<&'static str>, ApiError> {
    let file = get_text(&format!("{}{file}", build_dir())).await?;
    // Kept for the session: the texts then live as long as the keys naming them.
    let file: &'static str = Box::leak(file.into_boxed_str());
    let lines: Vec<&'static str> = file.lines().collect();
    if lines.len() != count {
        return Err(ApiError::Decode);
    }
    Ok(lines)
}

/// The text of a key of a lazy area, or "" while its area is not loaded
/// (pages of the area load it before they show).
pub(super) fn text(key: usize, lang: Lang) -> &'static str {
    let index = 2 * (key - EAGER_KEYS)
        + match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        };
    TEXTS.with_borrow(|texts| texts.get(index).copied().unwrap_or_default())
}

/// Asks the browser to start downloading an area's texts (a preload link),
/// unless they are in already, so they arrive together with the pages'
/// module rather than after it.
pub fn preload_area(area: &str) {
    if loaded(area) {
        return;
    }
    let document = document();
    let Ok(link) = document.create_element("link") else { return };
    let _ = link.set_attribute("rel", "preload");
    let _ = link.set_attribute("as", "fetch");
    // The credentials mode `fetch` will use, so the browser reuses the download.
    let _ = link.set_attribute("crossorigin", "");
    let _ = link.set_attribute("href", &url(area));
    if let Some(head) = document.head() {
        let _ = head.append_child(&link);
    }
}

/// Shows its children once an area's texts are in (fetching them the first
/// time), or why they could not be had.
#[component]
pub fn WithTexts(
    /// The area, as in `LAZY_AREAS`.
    area: &'static str,
    /// The area's page.
    children: ChildrenFn,
) -> impl IntoView {
    let texts = LocalResource::new(move || load_area(area));
    view! {
        <Transition fallback=Loading>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match texts.await {
                        Ok(()) => children().into_any(),
                        Err(error) => view! { <ErrorView error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Where the browser finds an area's texts.
fn url(area: &str) -> String {
    format!("{}{}", build_dir(), file_name(area))
}

/// The name of an area's texts file (`table::lazy_file_name`).
fn file_name(area: &str) -> String {
    format!("strings-{area}.txt")
}

/// The area's first key's place in `TEXTS` and its key count.
fn span(area: &str) -> Option<(usize, usize)> {
    LAZY_AREAS.iter().find(|(name, _, _)| *name == area).map(|&(_, first, count)| (2 * (first - EAGER_KEYS), count))
}

fn loaded(area: &str) -> bool {
    span(area).is_none_or(|(start, _)| TEXTS.with_borrow(|texts| texts.get(start).is_some_and(|text| !text.is_empty())))
}

/// Fetches an area's texts unless they are in already.
async fn load_area(area: &'static str) -> Result<(), ApiError> {
    let Some((start, count)) = span(area) else { return Ok(()) };
    if loaded(area) {
        return Ok(());
    }
    let lines = fetch_lines(&file_name(area), 2 * count).await?;
    TEXTS.with_borrow_mut(|texts| {
        if texts.len() < start + lines.len() {
            texts.resize(start + lines.len(), "");
        }
        texts[start..start + lines.len()].copy_from_slice(&lines);
    });
    Ok(())
}

/// The build's directory, `/pkg/<hash>/`, read from the module preload link
/// `index.html` carries for the main script.
fn build_dir() -> String {
    let href = document().query_selector("link[rel=modulepreload]").ok().flatten().and_then(|link| link.get_attribute("href")).unwrap_or_default();
    match href.rfind('/') {
        Some(end) => href[..=end].to_string(),
        None => "/".to_string(),
    }
}
