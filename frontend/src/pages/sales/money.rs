//! Money as the sales pages show and read it: yuan from integer fen, never
//! floats. Std only, so `tests/api/sales_money.rs` checks it on the host.

/// "¥33.34" from 3334 fen.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let fen = fen.unsigned_abs();
    format!("{sign}¥{}.{:02}", fen / 100, fen % 100)
}

/// Reads a price typed in yuan ("12", "12.5", "12.50", "¥12") as fen;
/// anything else (a third decimal, a sign, letters, nothing) is `None`.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text.strip_prefix('¥').unwrap_or(text).trim();
    let (whole, part) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 9 || part.len() > 2 || !digits(whole) || !digits(part) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let part: i64 = match part.len() {
        0 => 0,
        1 => part.parse::<i64>().ok()? * 10,
        _ => part.parse().ok()?,
    };
    Some(whole * 100 + part)
}
