//! Doorstep's single-page app. `start` runs when the main WebAssembly module
//! is instantiated: it installs the panic hook so a crash shows up in the
//! browser console, then (once the remembered language's texts are in, see
//! `I18n::prepare`) mounts [`app::App`] on `<body>`, replacing the static
//! shell `index.html` painted while the module downloaded. Pages behind a login,
//! and later each platform's pages, live in `routes.rs` as lazy routes: `cargo
//! xtask site` splits each into its own module, fetched on first use.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod location;
mod pages;
mod routes;
mod state;

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // A visitor who chose English last time waits for its texts, under the
    // shell. Leptos's own executor starts with the mount, hence this one.
    wasm_bindgen_futures::spawn_local(async {
        i18n::I18n::prepare().await;
        // Removed and replaced in one task, so no frame shows neither.
        if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
            shell.remove();
        }
        leptos::mount::mount_to_body(app::App);
    });
}
