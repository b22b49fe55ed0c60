//! `ImageHash`: the name of a stored image, the sha-256 of its display JPEG
//! in lowercase hex. Parsed once at the edge; storage and the object store
//! take only this type, so a path like `../x` can never name an object.

use sha2::{Digest, Sha256};

/// 64 lowercase hex digits naming one stored image.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageHash(String);

impl ImageHash {
    /// The hash of some bytes (the display JPEG's).
    pub fn of(bytes: &[u8]) -> Self {
        Self(hex::encode(Sha256::digest(bytes)))
    }

    /// Accepts exactly 64 lowercase hex digits.
    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.len() == 64 && raw.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            Ok(Self(raw.to_string()))
        } else {
            Err(format!("{raw:?} is not an image hash (64 lowercase hex digits)"))
        }
    }
}

impl AsRef<str> for ImageHash {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ImageHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::ImageHash;

    #[test]
    fn a_hash_is_the_sha256_of_the_bytes_in_lowercase_hex() {
        let hash = ImageHash::of(b"abc");
        assert_eq!(hash.as_ref(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(ImageHash::parse(hash.as_ref()), Ok(hash));
    }

    #[test]
    fn anything_but_64_lowercase_hex_digits_is_refused() {
        let good = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        for (raw, why) in [
            ("", "empty"),
            (&good[..63], "one digit short"),
            (&format!("{good}0")[..], "one digit long"),
            (&good.to_uppercase()[..], "uppercase"),
            (&format!("../{}", &good[3..])[..], "a path"),
            (&format!("{}g", &good[..63])[..], "not hex"),
        ] {
            assert!(ImageHash::parse(raw).is_err(), "{why}: {raw:?} was accepted");
        }
    }
}
