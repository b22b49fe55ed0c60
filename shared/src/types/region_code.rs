//! Administrative division codes.

use crate::api::RegionLevel;

/// A syntactically valid division code in its canonical (internal) form: 2, 4,
/// 6, 9 or 12 digits, one length per level. Whether the region exists is a
/// question for the server's region tree. `official_code` spells it the way
/// GB/T 2260 and the statistical division codes do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses a code in any official form: the canonical one (61, 6109,
    /// 610902, 610902001, 610902001001), a six-digit GB/T 2260 code padded
    /// with zeros for a province or city (610000 is 61, 610900 is 6109), and
    /// a 9- or 12-digit statistical code padded with zeros (610902001000 is
    /// the town 610902001, 610902000000 the county 610902). A county's own
    /// two digits are never 00 and a town's or village's three never 000, so
    /// trailing zero groups always mean padding.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) || s.is_empty() {
            return Err(format!("region code {s:?} must be digits"));
        }
        if RegionLevel::from_code_len(s.len()).is_none() {
            return Err(format!("region code {s:?} must have 2, 4, 6, 9 or 12 digits"));
        }
        Ok(Self(trim_padding(s).to_string()))
    }

    /// Returns the level the code's length implies.
    pub fn level(&self) -> RegionLevel {
        RegionLevel::from_code_len(self.0.len()).unwrap_or(RegionLevel::Village)
    }

    /// Returns the region at `level` that contains this one (itself at its own
    /// level); `None` when this region lies higher in the tree.
    pub fn ancestor_at(&self, level: RegionLevel) -> Option<RegionCode> {
        let len = level.code_len();
        (self.0.len() >= len).then(|| Self(self.0[..len].to_string()))
    }

    /// Tells whether `other` lies inside this region (or is this region).
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(&self.0)
    }
}

/// The shortest level prefix after which only zeros follow (6, 9 and 12
/// digits only: a 2- or 4-digit code has nothing to trim).
fn trim_padding(s: &str) -> &str {
    if s.len() < 6 {
        return s;
    }
    for len in [2, 4, 6, 9] {
        if len < s.len() && s[len..].bytes().all(|b| b == b'0') {
            return &s[..len];
        }
    }
    s
}

/// Spells a code the official way: six digits for a province, city or county
/// (GB/T 2260: 610000, 610900, 610902), twelve for a town or village (the
/// statistical division code: 610902001000, 610902001001). `RegionCode::parse`
/// reads it back to the same code.
pub fn official_code(code: &RegionCode) -> String {
    let width = if code.0.len() <= 6 { 6 } else { 12 };
    format!("{:0<width$}", code.0)
}

impl AsRef<str> for RegionCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RegionCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_of_every_level_parse() {
        for (raw, level) in [
            ("61", RegionLevel::Province),
            ("6109", RegionLevel::City),
            ("610902", RegionLevel::County),
            ("610902001", RegionLevel::Town),
            ("610902001001", RegionLevel::Village),
            ("610902000000", RegionLevel::County),
        ] {
            assert_eq!(RegionCode::parse(raw).expect(raw).level(), level, "{raw}");
        }
    }

    #[test]
    fn containment_follows_the_code_prefix() {
        let county = RegionCode::parse("610902").expect("ok");
        assert!(county.contains(&RegionCode::parse("610902001").expect("ok")));
        assert!(!county.contains(&RegionCode::parse("610981001").expect("ok")));
    }

    #[test]
    fn ancestors_are_the_code_prefixes_of_their_level() {
        let village = RegionCode::parse("610902001001").expect("ok");
        assert_eq!(village.ancestor_at(RegionLevel::County).map(|c| c.to_string()), Some("610902".into()));
        assert_eq!(village.ancestor_at(RegionLevel::City).map(|c| c.to_string()), Some("6109".into()));
        let city = RegionCode::parse("6109").expect("ok");
        assert_eq!(city.ancestor_at(RegionLevel::County), None);
        assert_eq!(city.ancestor_at(RegionLevel::City), Some(city));
    }

    #[test]
    fn official_forms_parse_to_the_canonical_code() {
        for (raw, canonical) in [
            ("610000", "61"),
            ("610900", "6109"),
            ("441900", "4419"),
            ("610100", "6101"),
            ("320500", "3205"),
            ("110100", "1101"),
            ("610902", "610902"),
            ("419001", "419001"),
            ("610902001", "610902001"),
            ("610902000", "610902"),
            ("610902001000", "610902001"),
            ("610902001001", "610902001001"),
            ("610902000000", "610902"),
            ("610900000000", "6109"),
            ("610000000000", "61"),
            (" 610900 ", "6109"),
        ] {
            assert_eq!(RegionCode::parse(raw).expect(raw).as_ref(), canonical, "{raw}");
        }
    }

    #[test]
    fn the_official_code_is_six_digits_down_to_counties_and_twelve_below() {
        for (canonical, official) in
            [("61", "610000"), ("6109", "610900"), ("4419", "441900"), ("610902", "610902"), ("610902001", "610902001000"), ("610902001001", "610902001001")]
        {
            let code = RegionCode::parse(canonical).expect(canonical);
            assert_eq!(official_code(&code), official);
            assert_eq!(RegionCode::parse(&official_code(&code)).expect(official), code, "round trip {official}");
        }
    }

    #[test]
    fn malformed_codes_are_rejected() {
        for raw in ["", "6", "61090", "6109a2", "6109020011", "6109000", "61090200100"] {
            assert!(RegionCode::parse(raw).is_err(), "accepted {raw}");
        }
    }
}
