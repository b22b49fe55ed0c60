//! Mainland mobile numbers.

/// An 11-digit mainland mobile number starting with 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Parses a number, ignoring spaces, dashes and a leading +86.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let digits: String = raw.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = digits.strip_prefix("+86").unwrap_or(&digits);
        let ok = digits.len() == 11 && digits.starts_with('1') && digits.bytes().all(|b| b.is_ascii_digit());
        if !ok {
            return Err("phone must be an 11-digit mobile number starting with 1".into());
        }
        Ok(Self(digits.to_string()))
    }
}

impl AsRef<str> for Phone {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::Phone;

    #[test]
    fn formatted_numbers_are_normalised() {
        assert_eq!(Phone::parse("+86 138-0000-1234").expect("ok").as_ref(), "13800001234");
    }

    #[test]
    fn bad_numbers_are_rejected() {
        for raw in ["", "23800001234", "1380000123", "1380000123a", "138000012345"] {
            assert!(Phone::parse(raw).is_err(), "accepted {raw}");
        }
    }
}
