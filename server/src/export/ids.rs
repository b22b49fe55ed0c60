//! How ID-card numbers appear in an export: masked, as in every response
//! (`610902********123X`, the mask stored beside the cipher), unless the
//! caller asked for full numbers and may have them (`StaffScope::ensure_full_ids`).

use crate::crypto::IdVault;

/// The numbers an export shows.
pub enum IdNumbers<'a> {
    Masked,
    /// Decrypted with the vault, one by one.
    Full(&'a IdVault),
}

impl IdNumbers<'_> {
    /// The number to show for a person whose number is stored as `masked` and `cipher`.
    pub fn show(&self, masked: &str, cipher: &[u8]) -> anyhow::Result<String> {
        match self {
            Self::Masked => Ok(masked.to_string()),
            Self::Full(vault) => Ok(vault.decrypt(cipher)?.as_ref().to_string()),
        }
    }

    pub fn full(&self) -> bool {
        matches!(self, Self::Full(_))
    }
}
