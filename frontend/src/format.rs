//! Small formatting helpers: days in China time and numbers typed into forms.

use doorstep_shared::types::Day;
use web_sys::js_sys::Date;

/// `YYYY-MM-DD` of a Unix time, in China.
pub fn day_of(epoch_secs: i64) -> String {
    Day::in_china_at(epoch_secs).to_string()
}

/// `YYYY-MM-DD`, `days` from today in China.
pub fn day_from_today(days: i64) -> String {
    // Date::now is milliseconds since the epoch, well inside f64's exact range.
    let now = (Date::now() / 1000.0) as i64;
    Day::in_china_at(now).plus_days(days).to_string()
}

/// Parses a whole number typed into a form; blank or malformed gives `None`.
pub fn parse_u32(text: &str) -> Option<u32> {
    text.trim().parse().ok()
}

/// Formats a distance in km with one decimal (by hand: float formatting costs wasm size).
pub fn km(distance: f64) -> String {
    let tenths = (distance.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}
