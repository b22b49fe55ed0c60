//! Administrative division codes.

use crate::api::RegionLevel;

/// A syntactically valid division code: 2, 4, 6, 9 or 12 digits. Whether the
/// region exists is a question for the server's region tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses a code, accepting the 12-digit padded form of counties and towns
    /// (`610902000000` is 610902) that official statistics use.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim();
        if !s.bytes().all(|b| b.is_ascii_digit()) || s.is_empty() {
            return Err(format!("region code {s:?} must be digits"));
        }
        let s = if s.len() == 12 { trim_padding(s) } else { s };
        if RegionLevel::from_code_len(s.len()).is_none() {
            return Err(format!("region code {s:?} must have 2, 4, 6, 9 or 12 digits"));
        }
        Ok(Self(s.to_string()))
    }

    /// Returns the level the code's length implies.
    pub fn level(&self) -> RegionLevel {
        RegionLevel::from_code_len(self.0.len()).unwrap_or(RegionLevel::Village)
    }

    /// Tells whether `other` lies inside this region (or is this region).
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(&self.0)
    }
}

fn trim_padding(s: &str) -> &str {
    for len in [2, 4, 6, 9] {
        if s[len..].bytes().all(|b| b == b'0') {
            return &s[..len];
        }
    }
    s
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
    fn malformed_codes_are_rejected() {
        for raw in ["", "6", "61090", "6109a2", "6109020011"] {
            assert!(RegionCode::parse(raw).is_err(), "accepted {raw}");
        }
    }
}
