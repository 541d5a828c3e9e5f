//! Master-key rotation: every secret re-encrypted and the audit chain
//! re-sealed under the new key, in one transaction.

use crate::audit::{self, Row};
use crate::vault::Vault;
use crate::{Context, DomainError};

const FIELDS: [(&str, &str); 3] = [("appkey_enc", "appkey"), ("access_key_id_enc", "access_key_id"), ("secret_enc", "secret_access_key")];

/// Re-encrypts everything under `new`; returns how many secrets moved.
/// Refuses when the audit chain is already broken: rotation must not launder
/// tampering.
pub async fn rotate_key(ctx: &Context, new: &Vault) -> Result<u64, DomainError> {
    let check = audit::verify(&ctx.pool, &ctx.vault).await?;
    if let Some(why) = check.first_break {
        return Err(DomainError::Forbidden(format!("the audit log is broken ({why}); investigate before rotating the key").into()));
    }
    let old = &ctx.vault;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let mut moved = 0u64;
    let rows = sqlx::query_as::<_, (i64, i64, Vec<u8>, Vec<u8>, Vec<u8>)>(
        "SELECT id, user_id, appkey_enc, access_key_id_enc, secret_enc FROM credentials",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (id, user_id, a, k, s) in rows {
        for ((column, field), sealed) in FIELDS.iter().zip([a, k, s]) {
            let context = format!("pgdeck credential {field} of user {user_id}");
            let plain = old.open(&context, &sealed)?;
            sqlx::query(&format!("UPDATE credentials SET {column} = ? WHERE id = ?"))
                .bind(new.seal(&context, &plain))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            moved += 1;
        }
    }
    moved += crate::approvals::reseal(&mut tx, old, new).await?;
    // Re-seal the audit chain with the new key, row by row.
    let key = audit::chain_key(new);
    let rows = sqlx::query_as::<_, Row>("SELECT * FROM audit_events ORDER BY id").fetch_all(&mut *tx).await?;
    let mut prev = audit::GENESIS.to_string();
    let mut last = None;
    for mut r in rows {
        r.prev_mac = prev.clone();
        r.mac = audit::row_mac(&key, &r);
        sqlx::query("UPDATE audit_events SET prev_mac = ?, mac = ? WHERE id = ?")
            .bind(&r.prev_mac)
            .bind(&r.mac)
            .bind(r.id)
            .execute(&mut *tx)
            .await?;
        prev = r.mac.clone();
        last = Some((r.id, r.mac));
    }
    if let Some((id, mac)) = last {
        sqlx::query("UPDATE pgdeck_meta SET value = ? WHERE key = 'audit_head'")
            .bind(audit::head_value(&key, id, &mac))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE pgdeck_meta SET value = ? WHERE key = 'master_key_fingerprint'").bind(new.fingerprint()).execute(&mut *tx).await?;
    let mut entry =
        audit::Entry::cli("vault.rotate_key").summary(serde_json::json!({"new_fingerprint": new.fingerprint(), "secrets": moved}));
    entry.resource_type = "vault".into();
    audit::append(&mut tx, &key, &entry).await?;
    tx.commit().await?;
    Ok(moved)
}
