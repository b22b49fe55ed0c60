//! Money on the sales pages: yuan written from integer fen and prices typed
//! in yuan read back as fen, exactly. The frontend compiles only for wasm32,
//! so its std-only money module is checked here, on the host.

#[path = "../../frontend/src/pages/sales/money.rs"]
mod money;

use money::{parse_yuan, yuan};

#[test]
fn yuan_is_written_from_whole_fen_with_two_decimals() {
    let cases = [(0, "¥0.00"), (5, "¥0.05"), (10, "¥0.10"), (3_334, "¥33.34"), (100_000, "¥1000.00"), (-250, "-¥2.50"), (i64::MIN, "-¥92233720368547758.08")];
    for (fen, written) in cases {
        assert_eq!(yuan(fen), written, "{fen} fen");
    }
}

#[test]
fn a_price_typed_in_yuan_is_read_as_fen_or_refused() {
    let cases = [
        ("12", Some(1_200), "whole yuan"),
        ("12.5", Some(1_250), "one decimal is tenths"),
        ("12.05", Some(1_205), "two decimals"),
        (" ¥0.99 ", Some(99), "the yuan sign and spaces"),
        ("12.", Some(1_200), "a trailing point"),
        ("12.345", None, "a third decimal"),
        ("", None, "nothing"),
        ("-1", None, "a sign"),
        ("1e3", None, "an exponent"),
        (".5", None, "no whole part"),
        ("1234567890", None, "more than nine digits"),
        ("１２", None, "full-width digits"),
    ];
    for (typed, fen, description) in cases {
        assert_eq!(parse_yuan(typed), fen, "{description}: {typed:?}");
    }
}

#[test]
fn every_price_reads_back_as_written() {
    for fen in [1, 9, 10, 99, 100, 3_334, 999_999, 10_000_000] {
        assert_eq!(parse_yuan(&yuan(fen)), Some(fen), "{fen}");
    }
}
