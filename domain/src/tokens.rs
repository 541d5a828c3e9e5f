//! Personal API tokens: a member's key for automation on `/api/v1`.
//!
//! A token acts as its member: never beyond the member's role at the moment
//! of use (a member disabled, or moved to a role without the permission,
//! stops their tokens at once), nor beyond the scopes chosen at creation.
//! The secret (`pgd_` and 43 characters, prefixed so secret scanners find
//! leaked ones) is shown once; only its SHA-256 is kept — a 256-bit random
//! secret needs no slow hash. Creating, revoking and every refused use are
//! audit rows; every change made with a token is audited as the member,
//! with the token named in the row's client column.

use crate::actor::{Actor, Client};
use crate::audit::{self, Entry};
use crate::roles::{Permission, Role};
use crate::time::{format_millis, now_utc, parse_utc, unix_now};
use crate::{Context, DomainError};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

pub use model::tokens::{scopes_of, scopes_text, Created, NewToken, Scope, TokenView, PREFIX};

fn invalid(field: &str, code: &str, args: &[&(dyn std::fmt::Display + Sync)]) -> DomainError {
    DomainError::Validation(crate::refused(field, code, args))
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

const VIEW: &str =
    "SELECT t.id, u.username, t.name, t.prefix, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.last_used_from, t.revoked_at \
                    FROM api_tokens t JOIN users u ON u.id = t.user_id";

/// Creates a token for the member acting; audited (without the secret).
pub async fn create(ctx: &Context, actor: &Actor, new: &NewToken) -> Result<Created, DomainError> {
    let refuse = |e: DomainError| async {
        audit::record(ctx, &Entry::by(actor, "api_token.create").refused(&e.to_string())).await?;
        Err::<Created, DomainError>(e)
    };
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return refuse(invalid("name", "token-name", &[])).await;
    }
    let max = ctx.settings.token_max_days;
    if new.days < 1 || new.days > max {
        return refuse(invalid("days", "token-days", &[&max])).await;
    }
    let mut scopes = new.scopes.clone();
    if !scopes.contains(&Scope::Read) {
        scopes.push(Scope::Read);
    }
    if let Some(s) = scopes.iter().find(|s| !actor.role.allows(s.permission())) {
        return refuse(invalid("scopes", "token-scope", &[&actor.role, &s.as_str()])).await;
    }
    let mut raw = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut raw);
    let secret = format!("{PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw));
    let prefix: String = secret.chars().take(PREFIX.len() + 4).collect();
    let now = now_utc();
    let expires = format_millis((unix_now() + new.days * 86_400) * 1000);
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM api_tokens WHERE user_id = ? AND name = ?")
        .bind(actor.user_id)
        .bind(name)
        .fetch_optional(&mut *tx)
        .await?;
    if taken.is_some() {
        drop(tx);
        return refuse(invalid("name", "token-name-taken", &[])).await;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, prefix, secret_hash, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(actor.user_id)
    .bind(name)
    .bind(&prefix)
    .bind(hash(&secret))
    .bind(scopes_text(&scopes))
    .bind(&now)
    .bind(&expires)
    .fetch_one(&mut *tx)
    .await?;
    let entry = Entry::by(actor, "api_token.create")
        .resource("api_token", &id.to_string(), name)
        .summary(serde_json::json!({ "scopes": scopes_text(&scopes), "expires_at": expires, "prefix": prefix }))
        .succeeded();
    audit::record_in(&mut tx, ctx, &entry).await?;
    tx.commit().await?;
    let token = get(ctx, id).await?;
    Ok(Created { token, secret })
}

async fn get(ctx: &Context, id: i64) -> Result<TokenView, DomainError> {
    sqlx::query_as::<_, TokenView>(&format!("{VIEW} WHERE t.id = ?"))
        .bind(id)
        .fetch_optional(&ctx.pool)
        .await?
        .ok_or_else(|| DomainError::NotFound(format!("token {id}")))
}

/// The member's own tokens, newest first.
pub async fn mine(ctx: &Context, actor: &Actor) -> Result<Vec<TokenView>, DomainError> {
    Ok(sqlx::query_as::<_, TokenView>(&format!("{VIEW} WHERE t.user_id = ? ORDER BY t.id DESC"))
        .bind(actor.user_id)
        .fetch_all(&ctx.pool)
        .await?)
}

/// Every member's tokens (admins).
pub async fn all(ctx: &Context, by: crate::Granted<'_, crate::grant::Administer>) -> Result<Vec<TokenView>, DomainError> {
    let _ = by;
    Ok(sqlx::query_as::<_, TokenView>(&format!("{VIEW} ORDER BY t.id DESC")).fetch_all(&ctx.pool).await?)
}

/// Revokes a token: its member may revoke their own, admins anyone's.
pub async fn revoke(ctx: &Context, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let owner: Option<(i64, String)> =
        sqlx::query_as("SELECT user_id, name FROM api_tokens WHERE id = ?").bind(id).fetch_optional(&ctx.pool).await?;
    let Some((owner, name)) = owner else {
        return Err(DomainError::NotFound(format!("token {id}")));
    };
    if owner != actor.user_id && !actor.role.allows(Permission::Administer) {
        let e = DomainError::Forbidden("only its member or an admin can revoke a token".into());
        audit::record(ctx, &Entry::by(actor, "api_token.revoke").resource("api_token", &id.to_string(), &name).refused(&e.to_string()))
            .await?;
        return Err(e);
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(now_utc())
        .bind(&actor.username)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record_in(&mut tx, ctx, &Entry::by(actor, "api_token.revoke").resource("api_token", &id.to_string(), &name).succeeded()).await?;
    tx.commit().await?;
    Ok(())
}

/// A member acting through one of their tokens, with its scopes.
#[derive(Clone, Debug)]
pub struct TokenActor {
    pub actor: Actor,
    pub token_id: i64,
    pub token_name: String,
    pub scopes: Vec<Scope>,
}

impl TokenActor {
    /// Proof that the token may be used for `scope` now: the scope was
    /// granted and the member's role (as it is now) still allows it. A
    /// refusal is audited under `action`.
    pub async fn require(&self, ctx: &Context, scope: Scope, action: &str) -> Result<(), DomainError> {
        let why = if !self.scopes.contains(&scope) {
            Some(format!("the token has no {} scope", scope.as_str()))
        } else if !self.actor.role.allows(scope.permission()) {
            Some(format!("the {} role cannot use the {} scope", self.actor.role, scope.as_str()))
        } else {
            None
        };
        match why {
            None => Ok(()),
            Some(why) => {
                audit::record(ctx, &Entry::by(&self.actor, action).refused(&why)).await?;
                Err(DomainError::Forbidden(why.into()))
            }
        }
    }
}

#[derive(sqlx::FromRow)]
struct Presented {
    id: i64,
    user_id: i64,
    name: String,
    scopes: String,
    expires_at: String,
    revoked_at: Option<String>,
    username: String,
    display_name: String,
    role: Role,
    disabled: bool,
    last_used_at: Option<String>,
}

/// The member behind a presented secret, or `Unauthorized`. Every refusal
/// (unknown, malformed, expired, revoked, disabled member) is audited, and
/// says no more than "not signed in" to the caller.
pub async fn resolve(ctx: &Context, secret: &str, client: &Client) -> Result<TokenActor, DomainError> {
    let refuse = |why: String, who: String| async move {
        audit::record(ctx, &Entry::anonymous(client, &who, "api_token.use").refused(&why)).await?;
        Err::<TokenActor, DomainError>(DomainError::Unauthorized)
    };
    if !secret.starts_with(PREFIX) || secret.len() != PREFIX.len() + 43 {
        return refuse("a malformed token".into(), String::new()).await;
    }
    let row = sqlx::query_as::<_, Presented>(
        "SELECT t.id, t.user_id, t.name, t.scopes, t.expires_at, t.revoked_at, u.username, u.display_name, u.role, (u.disabled OR u.sso_suspended_at IS NOT NULL) AS disabled, t.last_used_at \
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = ?",
    )
    .bind(hash(secret))
    .fetch_optional(&ctx.pool)
    .await?;
    let Some(t) = row else {
        let shown: String = secret.chars().take(PREFIX.len() + 4).collect();
        return refuse(format!("an unknown token ({shown}…)"), String::new()).await;
    };
    let now = unix_now();
    let why = if t.revoked_at.is_some() {
        Some(format!("token #{} \"{}\" is revoked", t.id, t.name))
    } else if parse_utc(&t.expires_at).is_none_or(|e| e <= now) {
        Some(format!("token #{} \"{}\" expired at {}", t.id, t.name, t.expires_at))
    } else if t.disabled {
        Some(format!("token #{} \"{}\": the member is disabled", t.id, t.name))
    } else {
        None
    };
    if let Some(why) = why {
        return refuse(why, t.username).await;
    }
    // Last use, at most once a minute per token: tokens are read on every call.
    if t.last_used_at.as_deref().and_then(parse_utc).is_none_or(|at| now - at >= 60) {
        sqlx::query("UPDATE api_tokens SET last_used_at = ?, last_used_from = ? WHERE id = ?")
            .bind(now_utc())
            .bind(&client.addr)
            .bind(t.id)
            .execute(&ctx.pool)
            .await?;
    }
    let agent: String = client.user_agent.chars().take(200).collect();
    let actor = Actor::new(
        t.user_id,
        t.username,
        t.display_name,
        t.role,
        format!("token:{}", t.id),
        client.addr.clone(),
        format!("API token #{} \"{}\" · {agent}", t.id, t.name),
    );
    Ok(TokenActor { actor, token_id: t.id, token_name: t.name, scopes: scopes_of(&t.scopes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_read_back_in_one_order() {
        assert_eq!(scopes_text(&[Scope::Approve, Scope::Read]), "read,approve");
        assert_eq!(scopes_of("read,approve,root"), vec![Scope::Read, Scope::Approve]);
    }

    #[test]
    fn the_hash_is_not_the_secret() {
        let h = hash("pgd_x");
        assert_eq!(h.len(), 64);
        assert!(!h.contains("pgd_"));
    }
}
