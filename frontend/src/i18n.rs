//! Interface strings in Chinese (the default) and English. The chosen language
//! lives in one signal, is remembered in `localStorage["doorstep.lang"]` and is
//! mirrored to `<html lang>` so screen readers and fonts pick the right script.

use doorstep_shared::api::Role;
use leptos::prelude::*;

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

/// Names every string the interface shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    LangSwitch,
    Loading,
    LoginTitle,
    Username,
    Password,
    LoginButton,
    LoggingIn,
    Hello,
    RoleLabel,
    RegionLabel,
    LogoutButton,
    RoleSeeker,
    RoleEmployer,
    RoleStaff,
    RoleAdmin,
    ErrWrongCredentials,
    ErrNotLoggedIn,
    ErrRateLimited,
    ErrForbidden,
    ErrCheckInput,
    ErrNetwork,
    ErrServer,
    NotFound,
    BackHome,
}

/// The (Chinese, English) pair for a key; one table keeps translations side by side.
fn pair(key: Key) -> (&'static str, &'static str) {
    match key {
        Key::LangSwitch => ("English", "中文"),
        Key::Loading => ("正在加载…", "Loading…"),
        Key::LoginTitle => ("登录", "Log in"),
        Key::Username => ("用户名或手机号", "Username or phone number"),
        Key::Password => ("密码", "Password"),
        Key::LoginButton => ("登录", "Log in"),
        Key::LoggingIn => ("正在登录…", "Logging in…"),
        Key::Hello => ("您好，", "Hello, "),
        Key::RoleLabel => ("身份", "Role"),
        Key::RegionLabel => ("负责区域", "Region"),
        Key::LogoutButton => ("退出登录", "Log out"),
        Key::RoleSeeker => ("求职者", "Job seeker"),
        Key::RoleEmployer => ("用人单位", "Employer"),
        Key::RoleStaff => ("民政工作人员", "Civil-affairs staff"),
        Key::RoleAdmin => ("管理员", "Administrator"),
        Key::ErrWrongCredentials => ("用户名或密码错误", "Wrong username or password"),
        Key::ErrNotLoggedIn => ("请先登录", "Please log in"),
        Key::ErrRateLimited => (
            "尝试次数过多，请稍后再试",
            "Too many attempts, please try again later",
        ),
        Key::ErrForbidden => ("您没有权限进行此操作", "You are not allowed to do this"),
        Key::ErrCheckInput => ("请检查填写的内容", "Please check what you entered"),
        Key::ErrNetwork => (
            "无法连接服务器，请检查网络",
            "Cannot reach the server; check your connection",
        ),
        Key::ErrServer => (
            "服务器出错，请稍后再试",
            "Something went wrong on the server, please try again later",
        ),
        Key::NotFound => ("页面不存在", "Page not found"),
        Key::BackHome => ("返回首页", "Back to the home page"),
    }
}

/// Returns the key naming a role.
pub fn role_key(role: Role) -> Key {
    match role {
        Role::Seeker => Key::RoleSeeker,
        Role::Employer => Key::RoleEmployer,
        Role::Staff => Key::RoleStaff,
        Role::Admin => Key::RoleAdmin,
    }
}

/// The language context; `Copy`, so views capture it freely.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// Restores the remembered language (default Chinese) and provides the context.
    pub fn provide() -> Self {
        let lang = stored_lang().unwrap_or(Lang::Zh);
        set_html_lang(lang);
        let i18n = Self {
            lang: RwSignal::new(lang),
        };
        provide_context(i18n);
        i18n
    }

    /// Returns the current language, tracking it.
    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// Returns a string in the current language, tracking the language.
    pub fn t(self, key: Key) -> &'static str {
        let (zh, en) = pair(key);
        match self.lang.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Switches between Chinese and English and remembers the choice.
    pub fn toggle(self) {
        let next = match self.lang.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        self.lang.set(next);
        set_html_lang(next);
        store_lang(next);
    }
}

/// Returns the language context provided by the app.
pub fn use_i18n() -> I18n {
    expect_context()
}

/// Storage may be unavailable (private mode, disabled); the language then simply isn't remembered.
fn storage() -> Option<web_sys::Storage> {
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
