//! Secrets held by other features, re-sealed on key rotation. Approval
//! requests keep their parameters' secrets sealed; until that feature's
//! table exists there is nothing to move.

use crate::vault::Vault;
use sqlx::{Sqlite, Transaction};

/// Re-seals every other secret under `new`; returns how many moved.
pub(crate) async fn reseal(_tx: &mut Transaction<'_, Sqlite>, _old: &Vault, _new: &Vault) -> Result<u64, crate::DomainError> {
    Ok(0)
}
