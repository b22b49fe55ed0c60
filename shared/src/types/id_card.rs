//! Resident identity card numbers (GB 11643-1999).

/// An 18-character resident ID-card number whose checksum is correct.
#[derive(Clone, PartialEq, Eq)]
pub struct IdCardNumber(String);

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdCardNumber {
    /// Parses a number, accepting a lowercase `x` and surrounding spaces.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let s = raw.trim().to_ascii_uppercase();
        if s.len() != 18 || !s.is_ascii() {
            return Err("id-card number must have 18 characters".into());
        }
        let (body, last) = s.split_at(17);
        let mut sum = 0;
        for (c, w) in body.chars().zip(WEIGHTS) {
            let Some(d) = c.to_digit(10) else {
                return Err("id-card number must be 17 digits and a check character".into());
            };
            sum += d * w;
        }
        if !last.starts_with(CHECK[(sum % 11) as usize]) {
            return Err("id-card number has a wrong check character".into());
        }
        let (month, day) = (&s[10..12], &s[12..14]);
        let month: u32 = month.parse().unwrap_or(0);
        let day: u32 = day.parse().unwrap_or(0);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err("id-card number has an impossible birth date".into());
        }
        Ok(Self(s))
    }

    /// Computes the check character for 17 leading digits (used to generate demo data).
    pub fn check_char(body: &str) -> Option<char> {
        if body.len() != 17 {
            return None;
        }
        let mut sum = 0;
        for (c, w) in body.chars().zip(WEIGHTS) {
            sum += c.to_digit(10)? * w;
        }
        Some(CHECK[(sum % 11) as usize])
    }

    /// Returns the year of birth the number encodes.
    pub fn birth_year(&self) -> u16 {
        self.0[6..10].parse().unwrap_or(0)
    }

    /// Returns the number with the birth date and sequence hidden: `610902********123X`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
    }
}

impl AsRef<str> for IdCardNumber {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

// Never print the full number by accident, not even in debug logs.
impl std::fmt::Debug for IdCardNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IdCardNumber({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::IdCardNumber;

    #[test]
    fn a_valid_number_parses_and_masks() {
        // The standard's own worked example.
        let id = IdCardNumber::parse("11010519491231002x").expect("valid");
        assert_eq!(id.as_ref(), "11010519491231002X");
        assert_eq!(id.masked(), "110105********002X");
        assert_eq!(id.birth_year(), 1949);
    }

    #[test]
    fn invalid_numbers_are_rejected() {
        for (raw, why) in [
            ("", "empty"),
            ("11010519491231002", "17 chars"),
            ("110105194912310021", "wrong check char"),
            ("1101051949123100AX", "letters in body"),
            ("110105194913310020", "month 13"),
            ("１１０１０５１９４９１２３１００２X", "full-width digits"),
        ] {
            assert!(IdCardNumber::parse(raw).is_err(), "accepted {why}: {raw}");
        }
    }

    #[test]
    fn generated_check_chars_round_trip() {
        for n in 0..500u32 {
            let body = format!("61090219{:02}0101{:03}", 50 + n % 40, n);
            let check = IdCardNumber::check_char(&body).expect("17 digits");
            assert!(IdCardNumber::parse(&format!("{body}{check}")).is_ok());
        }
    }

    #[test]
    fn debug_output_is_masked() {
        let id = IdCardNumber::parse("11010519491231002X").expect("valid");
        assert!(!format!("{id:?}").contains("19491231"));
    }
}
