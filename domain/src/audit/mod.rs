//! The audit log: who did what to which resource, when, and what came of it.
//!
//! Rows are written in the same transaction as the state they describe (see
//! [`record_in`]); if the row cannot be written, the transaction and thus the
//! action fail. Each row carries an HMAC over its content and the previous
//! row's MAC; the chain's head is kept (also MACed) in `pgdeck_meta`, so an
//! edited, inserted or removed row — including the last — is detected by
//! [`verify`].

use crate::actor::{Actor, Client};
use crate::time::now_utc;
use crate::vault::Vault;
use crate::{Context, DomainError};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use sqlx::{Sqlite, SqliteConnection, Transaction};

// One module per concern: what a row is and how it is written (here), the
// hash chain, searching, and exporting.
mod chain;
mod export;
mod search;

pub use chain::{chain_key, verify, Verification};
pub(crate) use chain::{head_value, row_mac, GENESIS};
pub use export::{export, header, Format, FORMULA_STARTS};
use search::*;
pub use search::{check, get, search, Filter};

/// What came of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Succeeded,
    Refused,
    Failed,
    AwaitingApproval,
    /// A change about to be sent upstream: committed before the call, so
    /// that no call leaves without its record (write-ahead).
    Intent,
    /// The call of an intent whose outcome was never recorded (pgdeck
    /// stopped during it): upstream must be checked; it is never re-sent.
    Unknown,
}

impl Outcome {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Succeeded => "succeeded",
            Outcome::Refused => "refused",
            Outcome::Failed => "failed",
            Outcome::AwaitingApproval => "awaiting_approval",
            Outcome::Intent => "intent",
            Outcome::Unknown => "unknown",
        }
    }
}

/// One audit row to write.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub role: String,
    pub client_addr: String,
    pub user_agent: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    /// The request with secrets removed.
    pub summary: serde_json::Value,
    pub outcome: Outcome,
    pub result_code: Option<i64>,
    pub result_message: String,
    pub job_id: Option<String>,
    pub approval_id: Option<i64>,
    pub duration_ms: i64,
    /// For an outcome row: the intent row it completes.
    pub intent_id: Option<i64>,
}

impl Entry {
    fn blank(action: &str) -> Self {
        Self {
            actor_id: None,
            actor_name: String::new(),
            role: String::new(),
            client_addr: String::new(),
            user_agent: String::new(),
            action: action.into(),
            resource_type: String::new(),
            resource_id: String::new(),
            resource_name: String::new(),
            summary: serde_json::Value::Object(Default::default()),
            outcome: Outcome::Succeeded,
            result_code: None,
            result_message: String::new(),
            job_id: None,
            approval_id: None,
            duration_ms: 0,
            intent_id: None,
        }
    }

    /// An action by a signed-in member.
    pub fn by(actor: &Actor, action: &str) -> Self {
        Self {
            actor_id: Some(actor.user_id),
            actor_name: actor.username.clone(),
            role: actor.role.to_string(),
            client_addr: actor.client_addr.clone(),
            user_agent: actor.user_agent.clone(),
            ..Self::blank(action)
        }
    }

    /// An administrative act, under whoever answers for it.
    pub fn of<P>(by: crate::Authority<'_, P>, action: &str) -> Self {
        match by {
            crate::Authority::Member(g) => Self::by(&g, action),
            crate::Authority::CommandLine(_) => Self::cli(action),
            crate::Authority::Pgdeck(_) => Self::system(action),
        }
    }

    /// An action from the command line (actor `cli`).
    pub fn cli(action: &str) -> Self {
        let user = std::env::var("USER").unwrap_or_default();
        Self {
            actor_name: "cli".into(),
            role: "cli".into(),
            client_addr: "local".into(),
            user_agent: format!("pgdeck-cli (os user {user})"),
            ..Self::blank(action)
        }
    }

    /// An action by someone not signed in (a sign-in attempt).
    pub fn anonymous(client: &Client, username: &str, action: &str) -> Self {
        Self {
            actor_name: username.chars().take(64).collect(),
            client_addr: client.addr.clone(),
            user_agent: client.user_agent.chars().take(300).collect(),
            ..Self::blank(action)
        }
    }

    /// An action by pgdeck itself (job tracker, approvals at start-up).
    pub fn system(action: &str) -> Self {
        Self { actor_name: "pgdeck".into(), role: "system".into(), client_addr: "local".into(), ..Self::blank(action) }
    }

    pub fn resource(mut self, kind: &str, id: &str, name: &str) -> Self {
        self.resource_type = kind.into();
        self.resource_id = id.into();
        self.resource_name = name.into();
        self
    }
    pub fn summary(mut self, v: serde_json::Value) -> Self {
        self.summary = v;
        self
    }
    pub fn succeeded(mut self) -> Self {
        self.outcome = Outcome::Succeeded;
        self
    }
    pub fn failed(mut self, code: Option<i64>, message: &str) -> Self {
        self.outcome = Outcome::Failed;
        self.result_code = code;
        self.result_message = message.chars().take(1000).collect();
        self
    }
    pub fn refused(mut self, message: &str) -> Self {
        self.outcome = Outcome::Refused;
        self.result_message = message.chars().take(1000).collect();
        self
    }
    pub fn awaiting(mut self, approval_id: i64) -> Self {
        self.outcome = Outcome::AwaitingApproval;
        self.approval_id = Some(approval_id);
        self
    }
    pub fn approval(mut self, approval_id: Option<i64>) -> Self {
        self.approval_id = approval_id;
        self
    }
    pub fn job(mut self, job_id: Option<String>) -> Self {
        self.job_id = job_id;
        self
    }
    /// Marks the row as the intent of a call about to be sent.
    pub fn intent(mut self) -> Self {
        self.outcome = Outcome::Intent;
        self
    }
    /// Links an outcome row to the intent it completes.
    pub fn completes(mut self, intent_id: i64) -> Self {
        self.intent_id = Some(intent_id);
        self
    }
    /// The outcome of an intent was never recorded.
    pub fn unknown(mut self, message: &str) -> Self {
        self.outcome = Outcome::Unknown;
        self.result_message = message.chars().take(1000).collect();
        self
    }
    pub fn duration_ms(mut self, ms: i64) -> Self {
        self.duration_ms = ms;
        self
    }
    pub fn code(mut self, code: Option<i64>, message: &str) -> Self {
        self.result_code = code;
        self.result_message = message.chars().take(1000).collect();
        self
    }
}

/// Replaces the value of every key named in `secrets` (at any depth) by `***`.
pub fn redact(mut v: serde_json::Value, secrets: &[&str]) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value, secrets: &[&str]) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, val) in map.iter_mut() {
                    if secrets.iter().any(|s| s.eq_ignore_ascii_case(k)) {
                        *val = serde_json::Value::String("***".into());
                    } else {
                        walk(val, secrets);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|i| walk(i, secrets)),
            _ => {}
        }
    }
    walk(&mut v, secrets);
    v
}

/// The stored form of a row, as read back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub role: String,
    pub client_addr: String,
    pub user_agent: String,
    pub action: String,
    pub resource_type: String,
    pub resource_id: String,
    pub resource_name: String,
    pub summary: String,
    pub outcome: String,
    pub result_code: Option<i64>,
    pub result_message: String,
    pub job_id: Option<String>,
    pub approval_id: Option<i64>,
    pub duration_ms: i64,
    /// For an outcome row: the intent row it completes.
    pub intent_id: Option<i64>,
    pub prev_mac: String,
    pub mac: String,
}

/// Writes a row inside the caller's transaction; returns its id.
pub async fn record_in(tx: &mut Transaction<'_, Sqlite>, ctx: &Context, e: &Entry) -> Result<i64, DomainError> {
    let id = append(&mut *tx, &chain_key(&ctx.vault), e).await?;
    if let Ok(request) = crate::error::REQUEST_ID.try_with(Clone::clone) {
        Watch::note(&request);
    }
    Ok(id)
}

/// Requests being watched, with how many audit rows each wrote.
static WATCHED: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<String, u32>>> = std::sync::LazyLock::new(Default::default);

/// Counts the audit rows one request writes (rows written by tasks it
/// spawns with [`crate::error::spawn_in_request`] included), so that the
/// server can record a refusal that nothing else recorded: the record of a
/// refusal is made where errors leave pgdeck, not at each call site.
/// Stops counting when dropped.
pub struct Watch {
    request: String,
}

impl Watch {
    /// Starts counting the rows of `request` (a request id).
    pub fn new(request: &str) -> Self {
        if let Ok(mut w) = WATCHED.lock() {
            w.insert(request.to_string(), 0);
        }
        Self { request: request.to_string() }
    }

    /// Rows written so far.
    pub fn written(&self) -> u32 {
        WATCHED.lock().ok().and_then(|w| w.get(&self.request).copied()).unwrap_or(0)
    }

    fn note(request: &str) {
        if let Ok(mut w) = WATCHED.lock() {
            if let Some(n) = w.get_mut(request) {
                *n += 1;
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        if let Ok(mut w) = WATCHED.lock() {
            w.remove(&self.request);
        }
    }
}

/// Proof that `actor`'s role grants `P`; a refusal is recorded under
/// `action` before it is returned. For every entry point (server
/// functions, the JSON API) that checks a role itself.
pub async fn granted<'a, P: crate::grant::Grant>(
    ctx: &Context,
    actor: &'a Actor,
    action: &str,
) -> Result<crate::Granted<'a, P>, DomainError> {
    match actor.grant::<P>() {
        Ok(g) => Ok(g),
        Err(e) => {
            record(ctx, &Entry::by(actor, action).refused(&e.to_string())).await?;
            Err(e)
        }
    }
}

/// Writes a row in a transaction of its own.
pub async fn record(ctx: &Context, e: &Entry) -> Result<i64, DomainError> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let id = record_in(&mut tx, ctx, e).await?;
    tx.commit().await?;
    Ok(id)
}

/// Appends a row on a connection already inside a write transaction.
pub async fn append(conn: &mut SqliteConnection, key: &[u8; 32], e: &Entry) -> Result<i64, DomainError> {
    let prev: Option<(i64, String)> =
        sqlx::query_as("SELECT id, mac FROM audit_events ORDER BY id DESC LIMIT 1").fetch_optional(&mut *conn).await?;
    let (prev_id, prev_mac) = prev.unwrap_or((0, GENESIS.to_string()));
    let mut row = Row {
        id: prev_id + 1,
        at: now_utc(),
        actor_id: e.actor_id,
        actor_name: e.actor_name.clone(),
        role: e.role.clone(),
        client_addr: e.client_addr.clone(),
        user_agent: e.user_agent.clone(),
        action: e.action.clone(),
        resource_type: e.resource_type.clone(),
        resource_id: e.resource_id.clone(),
        resource_name: e.resource_name.clone(),
        summary: e.summary.to_string(),
        outcome: e.outcome.as_str().into(),
        result_code: e.result_code,
        result_message: e.result_message.clone(),
        job_id: e.job_id.clone(),
        approval_id: e.approval_id,
        duration_ms: e.duration_ms,
        intent_id: e.intent_id,
        prev_mac: prev_mac.clone(),
        mac: String::new(),
    };
    row.mac = row_mac(key, &row);
    sqlx::query(
        "INSERT INTO audit_events (id, at, actor_id, actor_name, role, client_addr, user_agent, action, resource_type, resource_id, resource_name, \
         summary, outcome, result_code, result_message, job_id, approval_id, duration_ms, intent_id, prev_mac, mac) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    )
    .bind(row.id)
    .bind(&row.at)
    .bind(row.actor_id)
    .bind(&row.actor_name)
    .bind(&row.role)
    .bind(&row.client_addr)
    .bind(&row.user_agent)
    .bind(&row.action)
    .bind(&row.resource_type)
    .bind(&row.resource_id)
    .bind(&row.resource_name)
    .bind(&row.summary)
    .bind(&row.outcome)
    .bind(row.result_code)
    .bind(&row.result_message)
    .bind(&row.job_id)
    .bind(row.approval_id)
    .bind(row.duration_ms)
    .bind(row.intent_id)
    .bind(&row.prev_mac)
    .bind(&row.mac)
    .execute(&mut *conn)
    .await?;
    let head = head_value(key, row.id, &row.mac);
    sqlx::query("INSERT INTO pgdeck_meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(head)
        .execute(&mut *conn)
        .await?;
    metrics::counter!("pgdeck_audit_rows_appended_total").increment(1);
    Ok(row.id)
}

impl From<Row> for model::records::AuditView {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            at: r.at,
            actor_name: r.actor_name,
            role: r.role.into(),
            client_addr: r.client_addr,
            user_agent: r.user_agent,
            action: r.action,
            resource_type: r.resource_type,
            resource_id: r.resource_id,
            resource_name: r.resource_name,
            summary: r.summary,
            outcome: r.outcome,
            result_code: r.result_code,
            result_message: r.result_message,
            job_id: r.job_id,
            approval_id: r.approval_id,
            duration_ms: r.duration_ms,
            intent_id: r.intent_id,
        }
    }
}
