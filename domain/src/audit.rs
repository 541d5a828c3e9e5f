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

/// Every column but the MACs, in a fixed order: what the MAC covers. The
/// intent link joins the list only when set, so rows written before it
/// existed verify as they always did.
fn canonical(r: &Row) -> String {
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

fn mac(key: &[u8; 32], parts: &[&str]) -> String {
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

fn head_mac(key: &[u8; 32], id: i64, row_mac: &str) -> String {
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
fn pair_break(open: &mut std::collections::HashMap<i64, String>, r: &Row) -> Option<String> {
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

/// What to look for in the log. Empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub actor: String,
    /// An action name, or a prefix ending in `.` or `_` (`user.`, `delete_`).
    pub action: String,
    /// A resource id or name.
    pub resource: String,
    pub outcome: String,
    /// UTC bounds, `2026-11-30T00:00:00Z` or a date.
    pub from: String,
    pub to: String,
    /// Free text, searched in names, messages and summaries.
    pub text: String,
    /// Rows below this id (the next page).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// A time bound of a filter as stored text: a day (`2026-12-01`, the whole
/// day) or a date-time with its offset. Anything else is refused, naming
/// the field: a bound that cannot be read is never used as given nor
/// dropped silently.
fn bound(field: &str, s: &str, end: bool) -> Result<Option<String>, DomainError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        let shown: String = s.chars().take(40).collect();
        DomainError::Validation(rds::ValidationError::new(
            field,
            format!("{shown:?} is not a day (2026-12-01) or a date-time with its offset (2026-12-01T09:00:00+09:00)"),
        ))
    };
    let day = time::macros::format_description!("[year]-[month]-[day]");
    if s.len() == 10 {
        let d = time::Date::parse(s, &day).map_err(|_| refuse())?;
        let at = if end { d.with_hms_milli(23, 59, 59, 999) } else { d.with_hms_milli(0, 0, 0, 0) }.map_err(|_| refuse())?;
        let ms = (at.assume_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        return Ok(Some(crate::time::format_millis(ms)));
    }
    let secs = crate::time::parse_utc(s).ok_or_else(refuse)?;
    Ok(Some(crate::time::format_millis(secs * 1000 + if end { 999 } else { 0 })))
}

/// Refuses a filter whose time bounds cannot be read, naming the field.
pub fn check(f: &Filter) -> Result<(), DomainError> {
    bound("from", &f.from, false)?;
    bound("to", &f.to, true)?;
    Ok(())
}

/// Turns a filter into SQL conditions and their values.
async fn conditions(pool: &sqlx::SqlitePool, f: &Filter) -> Result<(String, Vec<String>), DomainError> {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut args: Vec<String> = Vec::new();
    // Time becomes an id range: rows are appended in time order.
    if let Some(from) = bound("from", &f.from, false)? {
        let lo: Option<i64> = sqlx::query_scalar("SELECT id FROM audit_events WHERE at >= ? ORDER BY at ASC LIMIT 1")
            .bind(&from)
            .fetch_optional(pool)
            .await?;
        sql.push_str(&format!(" AND id >= {}", lo.unwrap_or(i64::MAX)));
    }
    if let Some(to) = bound("to", &f.to, true)? {
        let hi: Option<i64> =
            sqlx::query_scalar("SELECT id FROM audit_events WHERE at <= ? ORDER BY at DESC LIMIT 1").bind(&to).fetch_optional(pool).await?;
        sql.push_str(&format!(" AND id <= {}", hi.unwrap_or(0)));
    }
    if let Some(b) = f.before_id {
        sql.push_str(&format!(" AND id < {b}"));
    }
    if !f.actor.trim().is_empty() {
        sql.push_str(" AND actor_name = ?");
        args.push(f.actor.trim().to_string());
    }
    let action = f.action.trim();
    if !action.is_empty() {
        if action.ends_with('.') || action.ends_with('_') {
            sql.push_str(" AND action >= ? AND action < ?");
            args.push(action.to_string());
            args.push(format!("{action}\u{10FFFF}"));
        } else {
            sql.push_str(" AND action = ?");
            args.push(action.to_string());
        }
    }
    if !f.resource.trim().is_empty() {
        // Two index lookups rather than an OR that defeats both indexes.
        sql.push_str(
            " AND id IN (SELECT id FROM audit_events WHERE resource_id = ? UNION ALL SELECT id FROM audit_events WHERE resource_name = ?)",
        );
        args.push(f.resource.trim().to_string());
        args.push(f.resource.trim().to_string());
    }
    if !f.outcome.trim().is_empty() {
        sql.push_str(" AND outcome = ?");
        args.push(f.outcome.trim().to_string());
    }
    if !f.text.trim().is_empty() {
        sql.push_str(" AND (instr(resource_name, ?) > 0 OR instr(result_message, ?) > 0 OR instr(summary, ?) > 0 OR instr(action, ?) > 0 OR instr(actor_name, ?) > 0)");
        for _ in 0..5 {
            args.push(f.text.trim().to_string());
        }
    }
    Ok((sql, args))
}

/// One page of the log, newest first.
pub async fn search(
    pool: &sqlx::SqlitePool,
    _by: crate::Authority<'_, crate::grant::ReadAudit>,
    f: &Filter,
) -> Result<Vec<Row>, DomainError> {
    let (cond, args) = conditions(pool, f).await?;
    let limit = if f.limit <= 0 { 50 } else { f.limit.min(500) };
    let sql = format!("SELECT * FROM audit_events{cond} ORDER BY id DESC LIMIT {limit}");
    let mut q = sqlx::query_as::<_, Row>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    Ok(q.fetch_all(pool).await?)
}

/// One row by id.
pub async fn get(pool: &sqlx::SqlitePool, id: i64) -> Result<Option<Row>, DomainError> {
    Ok(sqlx::query_as::<_, Row>("SELECT * FROM audit_events WHERE id = ?").bind(id).fetch_optional(pool).await?)
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "jsonl" => Ok(Format::Jsonl),
            other => Err(format!("unknown format {other:?}: use csv or jsonl")),
        }
    }
}

const CSV_HEADER: &str = "id,at,actor_id,actor_name,role,client_addr,user_agent,action,resource_type,resource_id,resource_name,summary,outcome,result_code,result_message,job_id,approval_id,duration_ms,intent_id,prev_mac,mac\n";

/// What a spreadsheet reads as the start of a formula (OWASP's list): a
/// CSV cell starting with one of these is written with a leading `'`. The
/// log itself, the JSON lines export and `audit verify` see the value
/// unchanged.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Columns whose every value pgdeck itself writes from a closed set: row
/// ids, times it formats, its own outcome and role words, hex MACs. None
/// can start with a formula character, so their cells skip the guard's
/// test (it is the export's main cost); every other column, whatever a
/// member, a visitor or upstream can put in it, goes through the guard.
const WRITTEN_BY_PGDECK: [&str; 9] = ["id", "at", "actor_id", "role", "outcome", "approval_id", "duration_ms", "intent_id", "mac"];

/// The SQL that writes column `c` as one CSV cell: quoted, quotes doubled,
/// and guarded against formulas (`FORMULA_STARTS`). Every cell of the CSV
/// export, the page's and the command line's, is written by it.
fn csv_cell_sql(c: &str) -> String {
    let quoted = format!("replace({c}, '\"', '\"\"')");
    if WRITTEN_BY_PGDECK.contains(&c) {
        return format!("CASE WHEN {c} IS NULL THEN '' ELSE '\"' || {quoted} || '\"' END");
    }
    let starts: Vec<String> = FORMULA_STARTS.iter().map(|ch| format!("char({})", u32::from(*ch))).collect();
    format!(
        "CASE WHEN {c} IS NULL THEN '' WHEN substr({c}, 1, 1) IN ({}) THEN '\"''' || {quoted} || '\"' ELSE '\"' || {quoted} || '\"' END",
        starts.join(", ")
    )
}

/// The export's first line (CSV header; nothing for JSON lines).
pub fn header(format: Format) -> &'static str {
    match format {
        Format::Csv => CSV_HEADER,
        Format::Jsonl => "",
    }
}

/// The columns of the export, in order.
const EXPORT_COLUMNS: [&str; 21] = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "role",
    "client_addr",
    "user_agent",
    "action",
    "resource_type",
    "resource_id",
    "resource_name",
    "summary",
    "outcome",
    "result_code",
    "result_message",
    "job_id",
    "approval_id",
    "duration_ms",
    "intent_id",
    "prev_mac",
    "mac",
];

/// One export line per row, rendered by SQLite itself: one text column to
/// decode per row instead of twenty keeps a million-row export fast.
fn line_expression(format: Format) -> String {
    match format {
        Format::Csv => EXPORT_COLUMNS.iter().map(|c| csv_cell_sql(c)).collect::<Vec<_>>().join(" || ',' || "),
        Format::Jsonl => format!("json_object({})", EXPORT_COLUMNS.iter().map(|c| format!("'{c}', {c}")).collect::<Vec<_>>().join(", ")),
    }
}

/// Streams every row matching `f` (oldest first) to `sink`, in chunks, with
/// flat memory whatever the size of the log.
pub async fn export<F, Fut>(
    pool: &sqlx::SqlitePool,
    _by: crate::Authority<'_, crate::grant::ReadAudit>,
    f: &Filter,
    format: Format,
    mut sink: F,
) -> Result<u64, DomainError>
where
    F: FnMut(String) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    use futures_util::TryStreamExt;
    let (cond, args) = conditions(pool, f).await?;
    let sql = format!("SELECT {} FROM audit_events{cond} ORDER BY id", line_expression(format));
    let mut q = sqlx::query_scalar::<_, String>(&sql);
    for a in &args {
        q = q.bind(a);
    }
    let mut rows = q.fetch(pool);
    let mut chunk = String::from(header(format));
    let mut n = 0u64;
    while let Some(line) = rows.try_next().await? {
        chunk.push_str(&line);
        chunk.push('\n');
        n += 1;
        if chunk.len() >= 256 * 1024 && !sink(std::mem::take(&mut chunk)).await {
            return Ok(n);
        }
    }
    if !chunk.is_empty() {
        sink(chunk).await;
    }
    Ok(n)
}

impl From<Row> for model::records::AuditView {
    fn from(r: Row) -> Self {
        Self {
            id: r.id,
            at: r.at,
            actor_name: r.actor_name,
            role: r.role,
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
