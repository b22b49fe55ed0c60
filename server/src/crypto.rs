//! ID-card numbers at rest: AES-256-GCM for the number itself, and a keyed
//! blind index (HMAC-SHA256) so duplicates are found without decrypting.
//! Both keys derive from one secret; losing it makes stored numbers unreadable.

use std::path::Path;

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{AeadCore, Aes256Gcm, Nonce};
use anyhow::Context;
use doorstep_shared::types::IdCardNumber;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

const NONCE_LEN: usize = 12;

pub struct IdVault {
    cipher: Aes256Gcm,
    blind_key: [u8; 32],
}

impl IdVault {
    pub fn new(secret: &SecretString) -> Self {
        let master = secret.expose_secret().as_bytes();
        let enc_key = derive(master, b"doorstep id-card encryption v1");
        let blind_key = derive(master, b"doorstep id-card blind index v1");
        Self { cipher: Aes256Gcm::new(&enc_key.into()), blind_key }
    }

    /// Returns nonce ‖ ciphertext.
    pub fn encrypt(&self, id: &IdCardNumber) -> anyhow::Result<Vec<u8>> {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let sealed = self.cipher.encrypt(&nonce, id.as_ref().as_bytes()).map_err(|_| anyhow::anyhow!("id-card encryption failed"))?;
        let mut out = nonce.to_vec();
        out.extend(sealed);
        Ok(out)
    }

    pub fn decrypt(&self, stored: &[u8]) -> anyhow::Result<IdCardNumber> {
        if stored.len() <= NONCE_LEN {
            anyhow::bail!("stored id-card cipher text is truncated");
        }
        let (nonce, sealed) = stored.split_at(NONCE_LEN);
        let plain =
            self.cipher.decrypt(Nonce::from_slice(nonce), sealed).map_err(|_| anyhow::anyhow!("id-card decryption failed: wrong key or corrupt data"))?;
        let text = String::from_utf8(plain).context("decrypted id-card is not utf-8")?;
        IdCardNumber::parse(&text).map_err(|e| anyhow::anyhow!("decrypted id-card is invalid: {e}"))
    }

    /// The same number always gives the same index; without the key it reveals nothing.
    pub fn blind_index(&self, id: &IdCardNumber) -> String {
        hex::encode(derive(&self.blind_key, id.as_ref().as_bytes()))
    }
}

fn derive(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).expect("hmac takes keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The configured secret, or one generated once into `data_dir/secret.key`.
pub fn load_or_create_secret(configured: Option<&SecretString>, data_dir: &Path) -> anyhow::Result<SecretString> {
    if let Some(s) = configured {
        if s.expose_secret().len() < 32 {
            anyhow::bail!("invalid setting: secret_key must have at least 32 characters");
        }
        return Ok(s.clone());
    }
    let path = data_dir.join("secret.key");
    if path.exists() {
        let text = std::fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok(SecretString::from(text.trim().to_string()));
    }
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let key = hex::encode(bytes);
    std::fs::write(&path, &key).with_context(|| format!("cannot write {}", path.display()))?;
    restrict_permissions(&path)?;
    Ok(SecretString::from(key))
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).context("cannot restrict secret.key")
}

#[cfg(not(unix))]
fn restrict_permissions(_: &Path) -> anyhow::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault(key: &str) -> IdVault {
        IdVault::new(&SecretString::from(key.to_string()))
    }

    #[test]
    fn numbers_round_trip_and_cipher_texts_differ() {
        let v = vault("a-test-secret-that-is-long-enough-000");
        let id = IdCardNumber::parse("11010519491231002X").expect("valid");
        let (a, b) = (v.encrypt(&id).expect("enc"), v.encrypt(&id).expect("enc"));
        assert_ne!(a, b, "nonces must differ");
        assert_eq!(v.decrypt(&a).expect("dec"), id);
    }

    #[test]
    fn blind_index_is_stable_per_key_and_differs_across_keys() {
        let id = IdCardNumber::parse("11010519491231002X").expect("valid");
        let v1 = vault("a-test-secret-that-is-long-enough-000");
        let v2 = vault("another-secret-that-is-long-enough-11");
        assert_eq!(v1.blind_index(&id), v1.blind_index(&id));
        assert_ne!(v1.blind_index(&id), v2.blind_index(&id));
        assert!(v2.decrypt(&v1.encrypt(&id).expect("enc")).is_err());
    }
}
