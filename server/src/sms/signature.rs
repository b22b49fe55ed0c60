//! The shared secret's HMAC-SHA256 over a request body, hex: it signs our
//! requests to the gateway and proves the gateway's callbacks to us.

use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

/// The header carrying the signature, both ways.
pub const SIGNATURE_HEADER: &str = "x-doorstep-signature";

/// The secret the gateway's reply callbacks are signed with (`sms.secret`); none: callbacks are refused.
pub struct SmsReplySecret(pub Option<SecretString>);

fn mac(secret: &SecretString) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(secret.expose_secret().as_bytes()).expect("hmac takes keys of any length")
}

/// The body's signature, lowercase hex.
pub fn sign(secret: &SecretString, body: &[u8]) -> String {
    let mut mac = mac(secret);
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// Whether `signature` (hex) is the body's, compared in constant time.
pub fn verify(secret: &SecretString, body: &[u8], signature: &str) -> bool {
    let Ok(raw) = hex::decode(signature.trim()) else {
        return false;
    };
    let mut mac = mac(secret);
    mac.update(body);
    mac.verify_slice(&raw).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_its_own_body_and_secret() {
        let secret = SecretString::from("s3cret");
        let signature = sign(&secret, b"{\"phone\":\"13800001234\"}");
        assert_eq!(signature.len(), 64);
        assert!(verify(&secret, b"{\"phone\":\"13800001234\"}", &signature));
        assert!(verify(&secret, b"{\"phone\":\"13800001234\"}", &signature.to_uppercase()), "hex in either case");
        assert!(!verify(&secret, b"{\"phone\":\"13800001235\"}", &signature));
        assert!(!verify(&SecretString::from("other"), b"{\"phone\":\"13800001234\"}", &signature));
        assert!(!verify(&secret, b"{}", "not hex"));
    }
}
