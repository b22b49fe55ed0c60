//! The chosen language and the helpers that show a key's text in it. The
//! language lives in one signal, is remembered in `localStorage["doorstep.lang"]`
//! and is mirrored to `<html lang>` so screen readers and fonts pick the right script.
//! English is fetched (`lazy::load_english`) before it shows: before the app
//! starts when it was chosen last time, else when the visitor switches.

use leptos::prelude::*;

use super::lazy::{has_english, load_english};
use super::Key;

const STORAGE_KEY: &str = "doorstep.lang";

/// A language the interface can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag stored and written to `<html lang>`.
    fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        match tag {
            "zh-CN" => Some(Self::Zh),
            "en" => Some(Self::En),
            _ => None,
        }
    }
}

/// The language context; `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Fetches what the remembered language needs before the app shows
    /// anything, so its first frame is in that language: the English texts,
    /// when English was chosen last time. Without them it starts in Chinese.
    pub async fn prepare() {
        if stored_lang() == Some(Lang::En) {
            let _ = load_english().await;
        }
    }

    /// Restores the remembered language (default Chinese; see [`I18n::prepare`]) and provides the context.
    pub fn provide() -> Self {
        let lang = match stored_lang() {
            Some(Lang::En) if has_english() => Lang::En,
            _ => Lang::Zh,
        };
        set_html_lang(lang);
        let i18n = Self { lang: RwSignal::new(lang) };
        provide_context(i18n);
        i18n
    }

    /// Returns the current language, tracking it.
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// Returns a string in the current language, tracking the language.
    pub fn t(self, key: Key) -> &'static str {
        key.text(self.lang.get())
    }

    /// Returns a string with each `{name}` hole replaced by the value given for
    /// `name`, tracking the language. A hole without a value stays as written,
    /// so the mistake shows instead of leaving a silent gap.
    pub fn fill(self, key: Key, holes: &[(&str, String)]) -> String {
        let text = self.t(key);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, after_hole)) = after.split_once('}') else {
                break;
            };
            out.push_str(before);
            match holes.iter().find(|(hole, _)| *hole == name) {
                Some((_, value)) => out.push_str(value),
                None => out.push_str(&rest[before.len()..rest.len() - after_hole.len()]),
            }
            rest = after_hole;
        }
        out.push_str(rest);
        out
    }

    /// Picks the Chinese or the English of a text the server sent in both.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self.lang.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Switches between Chinese and English and remembers the choice; the
    /// first switch to English waits for its texts (and stays in Chinese if
    /// they cannot be fetched).
    pub fn toggle(self) {
        let next = match self.lang.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        if next == Lang::En && !has_english() {
            leptos::task::spawn_local(async move {
                if load_english().await.is_ok() {
                    self.switch(Lang::En);
                }
            });
            return;
        }
        self.switch(next);
    }

    fn switch(self, next: Lang) {
        self.lang.set(next);
        set_html_lang(next);
        store_lang(next);
    }
}

// The helpers below return the same closure type wherever they are called, so
// the renderer for a translated text is compiled once, not once per string:
// with a hundred strings that is most of the difference in wasm size.

/// A key's text in the current language, as a reactive view or attribute value.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// A key's text with its `{name}` holes filled from `(name, value)` pairs, as a reactive view.
pub fn trf(key: Key, holes: Vec<(&'static str, String)>) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.fill(key, &holes)
}

/// The Chinese or English of a text the server sent in both, as a reactive view.
pub fn pick(zh: String, en: String) -> impl Fn() -> String + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.pick(&zh, &en).to_string()
}

/// Returns the language context provided by the app.
pub fn use_i18n() -> I18n {
    expect_context()
}

/// Storage may be unavailable (private mode, disabled); the language then simply isn't remembered.
pub(crate) fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn stored_lang() -> Option<Lang> {
    let tag = storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    Lang::from_tag(&tag)
}

fn store_lang(lang: Lang) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(STORAGE_KEY, lang.tag());
    }
}

fn set_html_lang(lang: Lang) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
}
