//! The hash chain: what each row's MAC covers, the chain's head, and
//! walking the chain to name the first row edited, removed or inserted.

use super::*;

/// Every column but the MACs, in a fixed order: what the MAC covers. The
/// intent link joins the list only when set, so rows written before it
/// existed verify as they always did.
pub(super) fn canonical(r: &Row) -> String {
    let mut v = serde_json::json!([
        r.id,
        r.at,
        r.actor_id,
        r.actor_name,
        r.role,
        r.client_addr,
        r.user_agent,
        r.action,
        r.resource_type,
        r.resource_id,
        r.resource_name,
        r.summary,
        r.outcome,
        r.result_code,
        r.result_message,
        r.job_id,
        r.approval_id,
        r.duration_ms
    ]);
    if let (Some(id), serde_json::Value::Array(items)) = (r.intent_id, &mut v) {
        items.push(serde_json::json!({ "intent": id }));
    }
    v.to_string()
}

pub(super) fn mac(key: &[u8; 32], parts: &[&str]) -> String {
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    for p in parts {
        m.update(&(p.len() as u64).to_be_bytes());
        m.update(p.as_bytes());
    }
    hex::encode(m.finalize().into_bytes())
}

/// The key the chain is MACed with.
pub fn chain_key(vault: &Vault) -> [u8; 32] {
    vault.derive("pgdeck audit chain v1")
}

pub(super) fn head_mac(key: &[u8; 32], id: i64, row_mac: &str) -> String {
    mac(key, &["head", &id.to_string(), row_mac])
}

pub(crate) const GENESIS: &str = "genesis";

/// The MAC of a row: its canonical content and the previous row's MAC.
pub(crate) fn row_mac(key: &[u8; 32], r: &Row) -> String {
    mac(key, &[&canonical(r), &r.prev_mac])
}

/// The stored head record: last id, its MAC, and a MAC over both.
pub(crate) fn head_value(key: &[u8; 32], id: i64, row_mac: &str) -> String {
    format!("{id}:{row_mac}:{}", head_mac(key, id, row_mac))
}

/// The result of walking the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct Verification {
    pub rows: u64,
    /// The first break found, in words, naming the row.
    pub first_break: Option<String>,
    /// Intents without an outcome yet: calls in flight, or left by a stop
    /// that start-up has not settled.
    pub open_intents: u64,
}

/// Walks the whole chain and names the first row edited, removed or inserted.
pub async fn verify(pool: &sqlx::SqlitePool, vault: &Vault) -> Result<Verification, DomainError> {
    use futures_util::TryStreamExt;
    let key = chain_key(vault);
    let mut conn = pool.acquire().await?;
    // One read transaction: a consistent snapshot even while pgdeck writes.
    sqlx::query("BEGIN").execute(&mut *conn).await?;
    let head: Option<String> =
        sqlx::query_scalar("SELECT value FROM pgdeck_meta WHERE key = 'audit_head'").fetch_optional(&mut *conn).await?;
    let mut rows = sqlx::query_as::<_, Row>("SELECT * FROM audit_events ORDER BY id").fetch(&mut *conn);
    let mut expected_prev = GENESIS.to_string();
    let mut expected_id = 1;
    let mut count = 0u64;
    let mut first_break = None;
    let mut last: Option<(i64, String)> = None;
    // Intents waiting for their outcome, by id, with their action.
    let mut open: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
    while let Some(r) = rows.try_next().await? {
        count += 1;
        if first_break.is_none() {
            if let Some(why) = pair_break(&mut open, &r) {
                first_break = Some(why);
            } else if r.id != expected_id {
                first_break = Some(format!("row {} is missing (the log jumps from row {} to row {})", expected_id, expected_id - 1, r.id));
            } else if row_mac(&key, &r) != r.mac {
                first_break = Some(format!("row {} was edited or inserted (its MAC does not match its content)", r.id));
            } else if r.prev_mac != expected_prev {
                first_break = Some(format!("the row before row {} was removed or replaced (the chain does not link)", r.id));
            }
        }
        expected_prev = r.mac.clone();
        expected_id = r.id + 1;
        last = Some((r.id, r.mac));
    }
    drop(rows);
    sqlx::query("COMMIT").execute(&mut *conn).await?;
    if first_break.is_none() {
        match (head, last) {
            (None, None) => {}
            (Some(h), Some((id, row_mac))) => {
                let mut parts = h.splitn(3, ':');
                let (hid, hmac_row, hm) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                let hid: i64 = hid.parse().unwrap_or(-1);
                if hm != head_mac(&key, hid, hmac_row) {
                    first_break = Some("the record of the log's last row was altered".into());
                } else if hid > id {
                    first_break = Some(format!("rows {}–{hid} at the end of the log were removed", id + 1));
                } else if hid < id || hmac_row != row_mac {
                    first_break = Some(format!("row {} was appended without pgdeck", hid + 1));
                }
            }
            (Some(h), None) => {
                first_break = Some(format!("every row of the log was removed (it ended at row {})", h.split(':').next().unwrap_or("?")))
            }
            (None, Some(_)) => first_break = Some("the log's head record is missing".into()),
        }
    }
    Ok(Verification { rows: count, first_break, open_intents: open.len() as u64 })
}

/// Checks a row against the intents still open: an outcome completes an
/// earlier intent of the same action, once.
pub(super) fn pair_break(open: &mut std::collections::HashMap<i64, String>, r: &Row) -> Option<String> {
    if r.outcome == Outcome::Intent.as_str() {
        open.insert(r.id, r.action.clone());
    }
    let intent = r.intent_id?;
    match open.remove(&intent) {
        Some(action) if action == r.action => None,
        Some(action) => Some(format!("row {} completes row {intent}, an intent of another action ({action})", r.id)),
        None => Some(format!("row {} completes row {intent}, which is no open intent (missing, or completed twice)", r.id)),
    }
}
