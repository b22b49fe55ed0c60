//! Small formatting helpers: days in China time and numbers typed into forms.

use web_sys::js_sys::Date;

/// Seconds east of UTC in China (no daylight saving).
const CHINA_OFFSET_SECS: i64 = 8 * 3600;

/// `YYYY-MM-DD` of a Unix time, in China.
pub fn day_of(epoch_secs: i64) -> String {
    let (y, m, d) = civil_from_days((epoch_secs + CHINA_OFFSET_SECS).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD`, `days` from today in China.
pub fn day_from_today(days: i64) -> String {
    // Date::now is milliseconds since the epoch, well inside f64's exact range.
    let now = (Date::now() / 1000.0) as i64;
    day_of(now + days * 86_400)
}

/// Converts days since 1970-01-01 to (year, month, day): Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
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
