//! Team members: creation, roles, passwords (argon2id), enabling and disabling.

use crate::audit::Entry;
use crate::roles::Role;
use crate::time::now_utc;
use crate::DomainError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use std::sync::OnceLock;

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 12;
/// Longest password accepted.
pub const MAX_PASSWORD: usize = 256;

/// A member as pgdeck shows them (never the hash).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// OWASP's argon2id floor: 19 MiB, two passes, one lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_else(|_| unreachable!("constant parameters are valid"));
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a new password against the policy.
pub fn check_password(password: &str) -> Result<(), DomainError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(DomainError::Validation(crate::refused("password", "password-short", &[&MIN_PASSWORD])));
    }
    if n > MAX_PASSWORD {
        return Err(DomainError::Validation(crate::refused("password", "password-long", &[&MAX_PASSWORD])));
    }
    Ok(())
}

/// Hashes a password with argon2id, off the async threads.
pub async fn hash_password(password: String) -> Result<String, DomainError> {
    hashing(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    })
    .await?
    .map_err(DomainError::Internal)
}

/// How many argon2id computations run at once: about one per core. Each
/// takes 19 MiB while it runs, so this bounds the memory sign-in bursts can
/// take (and leaves the other cores to everyone else).
fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
        tokio::sync::Semaphore::new(cores.clamp(1, 8))
    })
}

/// How long a password check waits for its turn before pgdeck answers
/// "busy, try again".
pub const HASHING_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs one argon2id computation on the blocking pool once a permit is
/// free; `Unavailable` when none frees up within [`HASHING_WAIT`].
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, DomainError> {
    let busy = || DomainError::Unavailable("pgdeck is busy checking other sign-ins; try again in a few seconds".into());
    let permit = tokio::time::timeout(HASHING_WAIT, hashing_permits().acquire()).await.map_err(|_| busy())?.map_err(|_| busy())?;
    // A thread of its own that ends with the hash: the allocator gives a
    // finished thread's memory (the hash's 19 MiB) back to the system, where
    // an idle thread of the blocking pool would hold it for seconds.
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("pgdeck-hash".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .map_err(|e| anyhow::anyhow!("hashing thread: {e}"))?;
    let out = rx.await.map_err(|e| anyhow::anyhow!("hashing thread: {e}"))?;
    drop(permit);
    Ok(out)
}

/// A hash of nothing in particular, verified against when the username is
/// unknown so that both failures take the same time.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::encode_b64(b"pgdeck-dummy-salt").unwrap_or_else(|_| unreachable!("a constant salt is valid"));
        argon2().hash_password(b"no such user", &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

/// Verifies a password against a PHC hash, off the async threads. An absent
/// hash is checked against a dummy so the time spent is the same.
/// Waits its turn like every hash ([`HASHING_WAIT`]); `Unavailable` when
/// pgdeck is too busy.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, DomainError> {
    hashing(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash().to_string());
        // A member of the identity provider has no password here: the same
        // work is done against the stand-in, so the answer takes as long.
        let (hash, usable) = match PasswordHash::new(&hash) {
            Ok(_) => (hash, true),
            Err(_) => (dummy_hash().to_string(), false),
        };
        let ok = PasswordHash::new(&hash).map(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok()).unwrap_or(false);
        ok && known && usable
    })
    .await
}

/// Checks a username: 1–64 of letters, digits, `.`, `_`, `-`.
pub fn check_username(username: &str) -> Result<(), DomainError> {
    let ok =
        !username.is_empty() && username.len() <= 64 && username.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(DomainError::Validation(crate::refused("username", "username-chars", &[])))
    }
}

const USER_COLUMNS: &str = "id, username, display_name, role, disabled, created_at, updated_at";

/// Adds a member, audited as `by`. Fails if the username is taken.
pub async fn create(
    ctx: &crate::Context,
    by: crate::Authority<'_, crate::grant::Administer>,
    username: &str,
    display_name: &str,
    role: Role,
    password: &str,
) -> Result<User, DomainError> {
    let pool = &ctx.pool;
    check_username(username)?;
    check_password(password)?;
    let hash = hash_password(password.to_string()).await?;
    let now = now_utc();
    let display = if display_name.trim().is_empty() { username } else { display_name.trim() };
    let mut tx = crate::db::begin(pool).await?;
    let result = sqlx::query_scalar::<_, i64>(
        "INSERT INTO users (username, display_name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(username)
    .bind(display)
    .bind(&hash)
    .bind(role.as_str())
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await;
    match result {
        Ok(id) => {
            let entry = Entry::of(by, "user.add")
                .resource("user", &id.to_string(), username)
                .summary(serde_json::json!({"role": role.as_str(), "display_name": display}));
            crate::audit::record_in(&mut tx, ctx, &entry).await?;
            tx.commit().await?;
            find(pool, username).await?.ok_or_else(|| DomainError::NotFound(username.to_string()))
        }
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(DomainError::Validation(crate::refused("username", "username-taken", &[&username])))
        }
        Err(e) => Err(e.into()),
    }
}

/// Finds a member by username (any case).
pub async fn find(pool: &SqlitePool, username: &str) -> Result<Option<User>, DomainError> {
    Ok(sqlx::query_as::<_, User>(&format!("SELECT {USER_COLUMNS} FROM users WHERE username = ?"))
        .bind(username)
        .fetch_optional(pool)
        .await?)
}

/// Finds a member by id.
pub async fn get(pool: &SqlitePool, id: i64) -> Result<Option<User>, DomainError> {
    Ok(sqlx::query_as::<_, User>(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?")).bind(id).fetch_optional(pool).await?)
}

/// Every member, by username.
pub async fn list(pool: &SqlitePool, _by: crate::Authority<'_, crate::grant::Administer>) -> Result<Vec<User>, DomainError> {
    Ok(sqlx::query_as::<_, User>(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY username")).fetch_all(pool).await?)
}

/// How many members exist.
pub async fn count(pool: &SqlitePool) -> Result<i64, DomainError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(pool).await?)
}

/// The stored hash of a member, for sign-in.
pub(crate) async fn password_hash(pool: &SqlitePool, username: &str) -> Result<Option<(i64, String, bool)>, DomainError> {
    Ok(sqlx::query_as::<_, (i64, String, bool)>("SELECT id, password_hash, disabled FROM users WHERE username = ?")
        .bind(username)
        .fetch_optional(pool)
        .await?)
}

async fn require(pool: &SqlitePool, username: &str) -> Result<User, DomainError> {
    find(pool, username).await?.ok_or_else(|| DomainError::NotFound(format!("no member named {username}")))
}

/// Changes a member's role; their sessions end.
pub async fn set_role(
    ctx: &crate::Context,
    by: crate::Authority<'_, crate::grant::Administer>,
    username: &str,
    role: Role,
) -> Result<User, DomainError> {
    let pool = &ctx.pool;
    let user = require(pool, username).await?;
    let mut tx = crate::db::begin(pool).await?;
    let entry = Entry::of(by, "user.set_role")
        .resource("user", &user.id.to_string(), &user.username)
        .summary(serde_json::json!({"from": user.role, "to": role.as_str()}));
    crate::audit::record_in(&mut tx, ctx, &entry).await?;
    sqlx::query("UPDATE users SET role = ?, updated_at = ? WHERE id = ?")
        .bind(role.as_str())
        .bind(now_utc())
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_sessions WHERE user_id = ?").bind(user.id).execute(&mut *tx).await?;
    tx.commit().await?;
    ctx.sessions.forget_all();
    require(pool, username).await
}

/// Disables or enables a member; disabling ends their sessions.
pub async fn set_disabled(
    ctx: &crate::Context,
    by: crate::Authority<'_, crate::grant::Administer>,
    username: &str,
    disabled: bool,
) -> Result<User, DomainError> {
    let pool = &ctx.pool;
    let user = require(pool, username).await?;
    let mut tx = crate::db::begin(pool).await?;
    let action = if disabled { "user.disable" } else { "user.enable" };
    let entry = Entry::of(by, action).resource("user", &user.id.to_string(), &user.username);
    crate::audit::record_in(&mut tx, ctx, &entry).await?;
    sqlx::query("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?")
        .bind(disabled)
        .bind(now_utc())
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM user_sessions WHERE user_id = ?").bind(user.id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    ctx.sessions.forget_all();
    require(pool, username).await
}

/// Sets a new password; the member's sessions end.
pub async fn reset_password(
    ctx: &crate::Context,
    by: crate::Authority<'_, crate::grant::Administer>,
    username: &str,
    password: &str,
) -> Result<User, DomainError> {
    let pool = &ctx.pool;
    check_password(password)?;
    let user = require(pool, username).await?;
    let hash = hash_password(password.to_string()).await?;
    let mut tx = crate::db::begin(pool).await?;
    let entry = Entry::of(by, "user.reset_password").resource("user", &user.id.to_string(), &user.username);
    crate::audit::record_in(&mut tx, ctx, &entry).await?;
    sqlx::query("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?")
        .bind(&hash)
        .bind(now_utc())
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_sessions WHERE user_id = ?").bind(user.id).execute(&mut *tx).await?;
    tx.commit().await?;
    ctx.sessions.forget_all();
    Ok(user)
}

/// A random password of 20 characters, for `--generate`.
pub fn generate_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_";
    let mut rng = rand::rngs::OsRng;
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

/// The languages a member may choose (`users.language`).
pub const LANGUAGES: [&str; 2] = ["en", "ko"];

/// The language a member chose, or `None` when they follow their browser.
pub async fn language(pool: &SqlitePool, user_id: i64) -> Result<Option<String>, DomainError> {
    Ok(sqlx::query_scalar::<_, Option<String>>("SELECT language FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .flatten())
}

/// Sets the language `actor` reads pgdeck in (`en`, `ko`), or `None` to
/// follow their browser. On record, as every change to an account is.
pub async fn set_language(ctx: &crate::Context, actor: &crate::Actor, language: Option<&str>) -> Result<(), DomainError> {
    if let Some(l) = language.filter(|l| !LANGUAGES.contains(l)) {
        return Err(DomainError::Validation(crate::refused("language", "language", &[&format!("{l:?}")])));
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let entry = Entry::by(actor, "user.set_language")
        .resource("user", &actor.user_id.to_string(), &actor.username)
        .summary(serde_json::json!({ "language": language }));
    crate::audit::record_in(&mut tx, ctx, &entry).await?;
    sqlx::query("UPDATE users SET language = ?, updated_at = ? WHERE id = ?")
        .bind(language)
        .bind(now_utc())
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
