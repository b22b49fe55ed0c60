//! Entry point of the Doorstep single-page app: installs the panic hook so a
//! crash shows up in the browser console, then mounts [`app::App`] on `<body>`.

mod api;
mod app;
mod components;
mod format;
mod i18n;
mod pages;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
