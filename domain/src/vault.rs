//! Secrets at rest: XChaCha20-Poly1305 under a master key held in a file.
//!
//! The key file holds 32 random bytes as hex, readable by its owner only
//! (mode 0600). A fingerprint of the key is kept in the database so that
//! starting with the wrong key fails at once, with a clear message, instead
//! of failing on the first secret read.

use anyhow::{bail, Context as _};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::fmt;
use std::path::Path;

const NONCE_LEN: usize = 24;

/// The master key and what is derived from it.
#[derive(Clone)]
pub struct Vault {
    key: [u8; 32],
}

impl fmt::Debug for Vault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Vault(***)")
    }
}

impl Vault {
    /// A vault over raw key bytes.
    pub fn from_key(key: [u8; 32]) -> Self {
        Self { key }
    }

    /// Reads the key file, creating it (mode 0600) when `create` and absent.
    pub fn load(path: &Path, create: bool) -> anyhow::Result<Self> {
        if !path.exists() {
            if !create {
                bail!("PGDECK_MASTER_KEY_FILE: {} does not exist", path.display());
            }
            let mut key = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut key);
            write_key_file(path, &key)?;
            tracing::info!(path = %path.display(), "created a new master key");
            return Ok(Self { key });
        }
        check_permissions(path)?;
        let text = std::fs::read_to_string(path).with_context(|| format!("PGDECK_MASTER_KEY_FILE: cannot read {}", path.display()))?;
        let bytes = hex::decode(text.trim())
            .map_err(|_| anyhow::anyhow!("PGDECK_MASTER_KEY_FILE: {} must hold 64 hexadecimal characters", path.display()))?;
        let key: [u8; 32] = bytes
            .try_into()
            .map_err(|_| anyhow::anyhow!("PGDECK_MASTER_KEY_FILE: {} must hold exactly 32 bytes (64 hex characters)", path.display()))?;
        Ok(Self { key })
    }

    /// Generates a fresh key into a new file (for key rotation).
    pub fn generate_into(path: &Path) -> anyhow::Result<Self> {
        if path.exists() {
            return Self::load(path, false);
        }
        Self::load(path, true)
    }

    /// Seals `plain`, binding it to `context` (e.g. `credential:12:secret`).
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        // Encryption with a valid key and nonce length cannot fail.
        let sealed = cipher.encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad: context.as_bytes() }).unwrap_or_default();
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Opens what [`Vault::seal`] sealed under the same context.
    pub fn open(&self, context: &str, sealed: &[u8]) -> anyhow::Result<Vec<u8>> {
        if sealed.len() < NONCE_LEN + 16 {
            bail!("a sealed secret is truncated");
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new((&self.key).into());
        cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: body, aad: context.as_bytes() })
            .map_err(|_| anyhow::anyhow!("a secret could not be decrypted with the master key ({context})"))
    }

    /// Seals a string.
    pub fn seal_str(&self, context: &str, plain: &str) -> Vec<u8> {
        self.seal(context, plain.as_bytes())
    }

    /// Opens a string.
    pub fn open_str(&self, context: &str, sealed: &[u8]) -> anyhow::Result<String> {
        String::from_utf8(self.open(context, sealed)?).context("a decrypted secret is not text")
    }

    /// A subkey for another purpose (HMAC-SHA256 of the label).
    pub fn derive(&self, label: &str) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.key).unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(label.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// A public fingerprint of the key, to recognise it.
    pub fn fingerprint(&self) -> String {
        hex::encode(&self.derive("pgdeck fingerprint v1")[..8])
    }
}

fn write_key_file(path: &Path, key: &[u8; 32]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut f = options.open(path).with_context(|| format!("PGDECK_MASTER_KEY_FILE: cannot create {}", path.display()))?;
    f.write_all(hex::encode(key).as_bytes())?;
    f.write_all(b"\n")?;
    f.sync_all()?;
    Ok(())
}

fn check_permissions(path: &Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).with_context(|| format!("PGDECK_MASTER_KEY_FILE: cannot read {}", path.display()))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            bail!("PGDECK_MASTER_KEY_FILE: {} is readable by others (mode {mode:o}); run `chmod 600 {}`", path.display(), path.display());
        }
    }
    Ok(())
}

/// Checks the key against the fingerprint stored in the database, recording
/// it on first use.
pub async fn check_fingerprint(pool: &sqlx::SqlitePool, vault: &Vault) -> anyhow::Result<()> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM pgdeck_meta WHERE key = 'master_key_fingerprint'").fetch_optional(pool).await?;
    let mine = vault.fingerprint();
    match stored {
        None => {
            sqlx::query("INSERT INTO pgdeck_meta (key, value) VALUES ('master_key_fingerprint', ?)").bind(&mine).execute(pool).await?;
            Ok(())
        }
        Some(s) if s == mine => Ok(()),
        Some(s) => bail!(
            "PGDECK_MASTER_KEY_FILE: this key (fingerprint {mine}) is not the one this database was sealed with (fingerprint {s}); \
             point PGDECK_MASTER_KEY_FILE at the right key (after `pgdeck vault rotate-key`, at the new key file)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_secrets_open_only_in_their_context() {
        let v = Vault::from_key([7; 32]);
        let s = v.seal_str("credential:1:secret", "top-secret");
        assert!(!s.windows(10).any(|w| w == b"top-secret"));
        assert_eq!(v.open_str("credential:1:secret", &s).unwrap(), "top-secret");
        assert!(v.open_str("credential:2:secret", &s).is_err());
        assert!(Vault::from_key([8; 32]).open_str("credential:1:secret", &s).is_err());
    }

    #[test]
    fn every_seal_uses_a_fresh_nonce() {
        let v = Vault::from_key([7; 32]);
        assert_ne!(v.seal_str("c", "same"), v.seal_str("c", "same"));
    }

    #[test]
    fn a_new_key_file_is_private_and_loose_ones_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.key");
        let v = Vault::load(&path, true).unwrap();
        let again = Vault::load(&path, false).unwrap();
        assert_eq!(v.fingerprint(), again.fingerprint());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            let e = Vault::load(&path, false).unwrap_err().to_string();
            assert!(e.contains("PGDECK_MASTER_KEY_FILE") && e.contains("chmod 600"), "{e}");
        }
    }
}
