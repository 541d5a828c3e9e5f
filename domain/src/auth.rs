//! Signing in and out, sessions, and the throttle on wrong passwords.

use crate::accounts::{self, User};
use crate::time::{now_utc, parse_utc, unix_now};
use crate::{Context, DomainError};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub use crate::actor::{grant, Actor, Client, Granted};
use crate::roles::Role;

/// Why a sign-in failed. The words never tell an unknown user from a wrong
/// password.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("wrong username or password")]
    Invalid,
    #[error("too many failed sign-ins; try again in {0} minutes")]
    Locked(u64),
    #[error("password sign-in is not open to you here: sign in with the identity provider")]
    PasswordsOff,
    #[error(transparent)]
    Other(#[from] DomainError),
}

// ---------------------------------------------------------------- throttle

/// Failures on one account before sign-ins slow down.
pub const ACCOUNT_SLOW_AFTER: u32 = 5;
/// Failures on one account before it is locked.
pub const ACCOUNT_LOCK_AFTER: u32 = 10;
/// Failures from one address before sign-ins from it slow down.
pub const ADDRESS_SLOW_AFTER: u32 = 30;
/// Failures from one address before it is blocked.
pub const ADDRESS_LOCK_AFTER: u32 = 100;
/// How long failures are remembered, and how long a lock lasts.
pub const THROTTLE_WINDOW: Duration = Duration::from_secs(15 * 60);

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    since: Instant,
    locked_until: Option<Instant>,
}

/// How many usernames and addresses the throttle remembers at most.
const THROTTLE_MAX_KEYS: usize = 50_000;

/// Counts failed sign-ins per account and per client address, in memory.
#[derive(Default)]
pub struct Throttle {
    entries: Mutex<HashMap<String, Failures>>,
}

impl Throttle {
    fn lookup(&self, key: &str) -> Option<Failures> {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        if let Some(f) = map.get(key).copied() {
            let expired = f.locked_until.map_or(now.duration_since(f.since) > THROTTLE_WINDOW, |until| now >= until);
            if expired {
                map.remove(key);
                return None;
            }
            return Some(f);
        }
        None
    }

    /// Seconds left on a lock of `key`, if locked.
    fn locked(&self, key: &str) -> Option<u64> {
        let f = self.lookup(key)?;
        f.locked_until.map(|u| u.saturating_duration_since(Instant::now()).as_secs().max(1))
    }

    /// The pause owed before answering a request on `key`.
    fn delay(&self, key: &str, slow_after: u32) -> Duration {
        match self.lookup(key) {
            Some(f) if f.count >= slow_after => {
                Duration::from_millis(200 * u64::from(f.count - slow_after + 1)).min(Duration::from_secs(2))
            }
            _ => Duration::ZERO,
        }
    }

    /// Counts a failure; answers whether it just locked `key`.
    fn fail(&self, key: &str, lock_after: u32) -> bool {
        let mut map = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        // Every typed username is a key: forget what has expired, and if a
        // flood of made-up names still fills the table, keep only the locks.
        if map.len() >= THROTTLE_MAX_KEYS {
            map.retain(|_, f| !f.locked_until.map_or(now.duration_since(f.since) > THROTTLE_WINDOW, |until| now >= until));
            if map.len() >= THROTTLE_MAX_KEYS {
                map.retain(|_, f| f.locked_until.is_some());
            }
        }
        let f = map.entry(key.to_string()).or_insert(Failures { count: 0, since: now, locked_until: None });
        f.count += 1;
        if f.count >= lock_after && f.locked_until.is_none() {
            f.locked_until = Some(now + THROTTLE_WINDOW);
            return true;
        }
        false
    }

    fn clear(&self, key: &str) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

// ---------------------------------------------------------------- sign-in

fn new_sid() -> String {
    use rand::RngCore;
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

/// Checks a username and password; on success records a new session and
/// returns its id.
pub async fn sign_in(ctx: &Context, username: &str, password: &str, client: &Client) -> Result<(String, User), SignInError> {
    // What a visitor types is stored (audit, throttle) only up to a
    // username's longest length; a longer one names nobody.
    let typed = username;
    let too_long = typed.chars().count() > 64;
    let username: String = typed.chars().take(64).collect();
    let username = username.as_str();
    let account_key = format!("user:{}", username.to_lowercase());
    let address_key = format!("addr:{}", client.addr);
    let throttle = &ctx.throttle;
    if let Some(mins) = throttle.locked(&account_key).or_else(|| throttle.locked(&address_key)) {
        let why = format!("sign-in refused: locked after repeated failures, for {} more minutes", mins.div_ceil(60));
        crate::audit::record(
            ctx,
            &crate::audit::Entry::anonymous(client, username, "auth.sign_in").resource("user", "", username).refused(&why),
        )
        .await?;
        return Err(SignInError::Locked(mins.div_ceil(60)));
    }
    let pause = throttle.delay(&account_key, ACCOUNT_SLOW_AFTER).max(throttle.delay(&address_key, ADDRESS_SLOW_AFTER));
    if !pause.is_zero() {
        tokio::time::sleep(pause).await;
    }
    if ctx.settings.local_passwords == crate::settings::LocalPasswords::Off {
        let why = "password sign-in is turned off: sign in with the identity provider";
        crate::audit::record(
            ctx,
            &crate::audit::Entry::anonymous(client, username, "auth.sign_in").resource("user", "", username).refused(why),
        )
        .await?;
        return Err(SignInError::PasswordsOff);
    }
    let found = if too_long { None } else { accounts::password_hash(&ctx.pool, username).await? };
    let (user_id, hash, disabled) = match found {
        Some((id, h, d)) => (Some(id), Some(h), d),
        None => (None, None, false),
    };
    let ok = accounts::verify_password(password.to_string(), hash).await?;
    let Some(user_id) = user_id.filter(|_| ok && !disabled) else {
        metrics::counter!("pgdeck_sign_in_failures_total").increment(1);
        for (key, after, kind) in [(&account_key, ACCOUNT_LOCK_AFTER, "account"), (&address_key, ADDRESS_LOCK_AFTER, "address")] {
            if throttle.fail(key, after) {
                metrics::counter!("pgdeck_sign_in_lockouts_total", "kind" => kind).increment(1);
            }
        }
        let locked = throttle.locked(&account_key);
        let why = if locked.is_some() { "wrong username or password; account locked" } else { "wrong username or password" };
        crate::audit::record(
            ctx,
            &crate::audit::Entry::anonymous(client, username, "auth.sign_in").resource("user", "", username).failed(None, why),
        )
        .await?;
        if let Some(mins) = locked {
            return Err(SignInError::Locked(mins.div_ceil(60)));
        }
        return Err(SignInError::Invalid);
    };
    throttle.clear(&account_key);
    let role: String =
        sqlx::query_scalar("SELECT role FROM users WHERE id = ?").bind(user_id).fetch_one(&ctx.pool).await.map_err(DomainError::from)?;
    if ctx.settings.local_passwords == crate::settings::LocalPasswords::Admins && role != "admin" {
        let why = "password sign-in is kept for admins' break-glass accounts: sign in with the identity provider";
        let mut entry = crate::audit::Entry::anonymous(client, username, "auth.sign_in").resource("user", &user_id.to_string(), username);
        entry.actor_id = Some(user_id);
        crate::audit::record(ctx, &entry.refused(why)).await?;
        return Err(SignInError::PasswordsOff);
    }
    let mut entry = crate::audit::Entry::anonymous(client, username, "auth.sign_in").resource("user", &user_id.to_string(), username);
    entry.actor_id = Some(user_id);
    entry.role = role;
    let sid = open_session(ctx, user_id, client, entry).await?;
    let user = accounts::get(&ctx.pool, user_id).await?.ok_or(DomainError::Unauthorized)?;
    Ok((sid, user))
}

/// Opens a session for `user_id` and records `entry` (the sign-in) with it.
pub(crate) async fn open_session(ctx: &Context, user_id: i64, client: &Client, entry: crate::audit::Entry) -> Result<String, DomainError> {
    let sid = new_sid();
    let now = now_utc();
    let mut tx = crate::db::begin(&ctx.pool).await.map_err(DomainError::from)?;
    sqlx::query("INSERT INTO user_sessions (sid, user_id, created_at, last_seen_at, client_addr, user_agent) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(&sid)
        .bind(user_id)
        .bind(&now)
        .bind(&now)
        .bind(&client.addr)
        .bind(truncate(&client.user_agent, 300))
        .execute(&mut *tx)
        .await?;
    crate::audit::record_in(&mut tx, ctx, &entry).await?;
    tx.commit().await?;
    Ok(sid)
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[derive(Clone, sqlx::FromRow)]
struct SessionRow {
    user_id: i64,
    username: String,
    display_name: String,
    role: String,
    disabled: bool,
    created_at: String,
    last_seen_at: String,
}

/// How long a session's row is reused from memory. Every change pgdeck
/// makes to members or sessions drops them all at once; a change made by
/// another process (the command line) reaches signed-in sessions within
/// this time.
pub const SESSION_MEMORY: std::time::Duration = std::time::Duration::from_secs(1);

/// Session rows read recently, so a request does not wait on the
/// database for the member behind its cookie. Entries belong to a
/// generation: [`Sessions::forget_all`] starts a new one, and an entry of
/// an older generation is never used, even one stored by a read that
/// raced the change.
#[derive(Default)]
pub struct Sessions {
    generation: std::sync::atomic::AtomicU64,
    rows: std::sync::Mutex<std::collections::HashMap<String, (std::time::Instant, u64, SessionRow)>>,
}

impl Sessions {
    fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn get(&self, sid: &str) -> Option<SessionRow> {
        let now = self.generation();
        let rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        rows.get(sid).filter(|(at, g, _)| *g == now && at.elapsed() < SESSION_MEMORY).map(|(_, _, r)| r.clone())
    }

    fn put(&self, sid: &str, read_in: u64, row: SessionRow) {
        if read_in != self.generation() {
            return;
        }
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        if rows.len() >= 10_000 {
            rows.retain(|_, (at, _, _)| at.elapsed() < SESSION_MEMORY);
        }
        rows.insert(sid.to_string(), (std::time::Instant::now(), read_in, row));
    }

    /// Forgets one session's row (its last-seen time moved).
    fn forget(&self, sid: &str) {
        self.rows.lock().unwrap_or_else(|e| e.into_inner()).remove(sid);
    }

    /// Forgets every session row: after any change to members or sessions.
    pub fn forget_all(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.rows.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// The member behind a session id, if the session is still good: it exists,
/// the member is enabled, and neither the idle timeout nor the absolute
/// lifetime has passed.
pub async fn resolve(ctx: &Context, sid: &str, client: &Client) -> Result<Actor, DomainError> {
    let row = session_row(ctx, sid).await?;
    let now = unix_now();
    let seen = parse_utc(&row.last_seen_at).unwrap_or(0);
    if !still_good(ctx, &row, now) {
        end(ctx, sid).await?;
        return Err(DomainError::Unauthorized);
    }
    // Touch at most once a minute: sessions are read on every request.
    if now - seen >= 60 {
        sqlx::query("UPDATE user_sessions SET last_seen_at = ?, client_addr = ? WHERE sid = ?")
            .bind(now_utc())
            .bind(&client.addr)
            .bind(sid)
            .execute(&ctx.pool)
            .await?;
        ctx.sessions.forget(sid);
    }
    let role = row.role.parse::<Role>().map_err(|e| DomainError::Internal(anyhow::anyhow!("member {}: {e}", row.username)))?;
    Ok(Actor::new(row.user_id, row.username, row.display_name, role, sid.to_string(), client.addr.clone(), client.user_agent.clone()))
}

/// Whether a session is still good, without counting this as activity: for
/// a live stream that stays open while its page does, which must end when
/// the session does but must not keep an idle session alive.
pub async fn holds(ctx: &Context, sid: &str) -> bool {
    match session_row(ctx, sid).await {
        Ok(row) => still_good(ctx, &row, unix_now()),
        Err(_) => false,
    }
}

/// A session's row, from memory or the database.
async fn session_row(ctx: &Context, sid: &str) -> Result<SessionRow, DomainError> {
    if let Some(row) = ctx.sessions.get(sid) {
        return Ok(row);
    }
    let generation = ctx.sessions.generation();
    let row = sqlx::query_as::<_, SessionRow>(
        "SELECT s.user_id, u.username, u.display_name, u.role, (u.disabled OR u.sso_suspended_at IS NOT NULL) AS disabled, s.created_at, s.last_seen_at \
         FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.sid = ?",
    )
    .bind(sid)
    .fetch_optional(&ctx.pool)
    .await?
    .ok_or(DomainError::Unauthorized)?;
    ctx.sessions.put(sid, generation, row.clone());
    Ok(row)
}

/// The member is enabled, and neither the idle timeout nor the absolute
/// lifetime has passed.
fn still_good(ctx: &Context, row: &SessionRow, now: i64) -> bool {
    let created = parse_utc(&row.created_at).unwrap_or(0);
    let seen = parse_utc(&row.last_seen_at).unwrap_or(0);
    let s = &ctx.settings;
    !(row.disabled || now - created > s.session_lifetime.as_secs() as i64 || now - seen > s.session_idle.as_secs() as i64)
}

/// Signs a member out: their session ends on the server.
pub async fn sign_out(ctx: &Context, actor: &Actor) -> Result<(), DomainError> {
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM user_sessions WHERE sid = ?").bind(&actor.sid).execute(&mut *tx).await?;
    crate::audit::record_in(
        &mut tx,
        ctx,
        &crate::audit::Entry::by(actor, "auth.sign_out").resource("user", &actor.user_id.to_string(), &actor.username),
    )
    .await?;
    tx.commit().await?;
    ctx.sessions.forget_all();
    Ok(())
}

/// Ends a session.
pub async fn end(ctx: &Context, sid: &str) -> Result<(), DomainError> {
    sqlx::query("DELETE FROM user_sessions WHERE sid = ?").bind(sid).execute(&ctx.pool).await?;
    ctx.sessions.forget_all();
    Ok(())
}

pub use model::SessionInfo;

fn handle_of(sid: &str) -> String {
    use sha2::Digest;
    hex::encode(&sha2::Sha256::digest(sid.as_bytes())[..8])
}

/// The member's sessions, newest first; the current one marked.
pub async fn sessions(ctx: &Context, actor: &Actor) -> Result<Vec<SessionInfo>, DomainError> {
    let rows = sqlx::query_as::<_, (String, String, String, String, String)>(
        "SELECT sid, created_at, last_seen_at, client_addr, user_agent FROM user_sessions WHERE user_id = ? ORDER BY created_at DESC",
    )
    .bind(actor.user_id)
    .fetch_all(&ctx.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(sid, created_at, last_seen_at, client_addr, user_agent)| SessionInfo {
            handle: handle_of(&sid),
            current: sid == actor.sid,
            created_at,
            last_seen_at,
            client_addr,
            user_agent,
        })
        .collect())
}

/// Ends one of the member's own sessions, named by its handle.
pub async fn end_own_session(ctx: &Context, actor: &Actor, handle: &str) -> Result<(), DomainError> {
    let sids: Vec<String> =
        sqlx::query_scalar("SELECT sid FROM user_sessions WHERE user_id = ?").bind(actor.user_id).fetch_all(&ctx.pool).await?;
    let sid = sids.into_iter().find(|s| handle_of(s) == handle).ok_or_else(|| DomainError::NotFound("no such session".into()))?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM user_sessions WHERE sid = ?").bind(&sid).execute(&mut *tx).await?;
    crate::audit::record_in(&mut tx, ctx, &crate::audit::Entry::by(actor, "auth.end_session").resource("session", handle, &actor.username))
        .await?;
    tx.commit().await?;
    ctx.sessions.forget_all();
    Ok(())
}
