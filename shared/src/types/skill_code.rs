//! Skill codes of the taxonomy (`sewing`, `elderly_care`).

use core::fmt;

use serde::{Deserialize, Serialize};

/// A syntactically valid skill code: 1 to 64 lowercase ASCII letters, digits
/// or underscores. Whether the skill exists is a question for the server's
/// skill catalogue, which turns free words into codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(try_from = "String", into = "String")]
pub struct SkillCode(String);

impl SkillCode {
    /// Parses a code exactly as stored; no trimming, no case folding.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let valid = !raw.is_empty() && raw.len() <= 64 && raw.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid {
            return Err(format!("skill code {raw:?} must be 1 to 64 lowercase letters, digits or underscores"));
        }
        Ok(Self(raw.to_string()))
    }

    /// Returns the code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SkillCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SkillCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for SkillCode {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<SkillCode> for String {
    fn from(code: SkillCode) -> Self {
        code.0
    }
}

impl PartialEq<str> for SkillCode {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taxonomy_codes_parse() {
        for code in ["sewing", "elderly_care", "e_commerce", "a", "forklift2"] {
            assert_eq!(SkillCode::parse(code).map(|c| c.to_string()), Ok(code.to_string()));
        }
    }

    #[test]
    fn names_and_malformed_codes_are_rejected() {
        let long = "x".repeat(65);
        for raw in ["", "缝纫", "Sewing", "sewing ", "sew-ing", long.as_str()] {
            assert!(SkillCode::parse(raw).is_err(), "accepted {raw:?}");
        }
    }

    #[test]
    fn json_is_the_plain_code() {
        let code = SkillCode::parse("sewing").expect("valid");
        assert_eq!(serde_json::to_string(&code).expect("serialises"), "\"sewing\"");
        assert!(serde_json::from_str::<SkillCode>("\"Sewing\"").is_err());
    }
}
