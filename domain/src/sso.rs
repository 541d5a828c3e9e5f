//! Members who sign in through the company's identity provider (OpenID
//! Connect). The protocol (discovery, PKCE, state, nonce, the ID token's
//! signature and claims) is checked by the server (`server::sso`); this
//! module takes a verified identity and decides who it is in pgdeck.
//!
//! - A member is linked by (issuer, subject), never by e-mail: a first
//!   sign-in creates the member on the spot, named from the claims.
//! - The role is derived from the groups at every sign-in: of the groups
//!   that map to a role, the most powerful role wins (admin, approver,
//!   operator, auditor, viewer, in that order). A change is an audit row.
//! - Groups that map to no role refuse the sign-in, and suspend a known
//!   member: their sessions end and their tokens stop, until a sign-in whose
//!   groups map again. An admin's disabling is separate and wins.

use crate::accounts;
use crate::actor::Client;
use crate::audit::{self, Entry};
use crate::roles::Role;
use crate::time::now_utc;
use crate::{Context, DomainError};

/// An identity the provider vouched for (the ID token verified).
#[derive(Clone, Debug, Default)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    /// `preferred_username`, else the e-mail's local part: a username hint.
    pub username: String,
    pub name: String,
    pub email: String,
    pub groups: Vec<String>,
}

/// Most powerful first: several mapped groups give the first of these.
const POWER: [Role; 5] = [Role::Admin, Role::Approver, Role::Operator, Role::Auditor, Role::Viewer];

/// The role `groups` map to under `map` (group → role), if any.
pub fn role_from_groups(map: &[(String, Role)], groups: &[String]) -> Option<Role> {
    let mapped: Vec<Role> = map.iter().filter(|(g, _)| groups.iter().any(|x| x == g)).map(|(_, r)| *r).collect();
    POWER.into_iter().find(|r| mapped.contains(r))
}

/// Reads `group=role,group=role` (the setting's form).
pub fn parse_role_map(text: &str) -> Result<Vec<(String, Role)>, String> {
    let mut out = Vec::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (group, role) = pair.rsplit_once('=').ok_or_else(|| format!("{pair:?}: write group=role"))?;
        let role: Role = role.parse()?;
        if group.trim().is_empty() {
            return Err(format!("{pair:?}: the group is empty"));
        }
        out.push((group.trim().to_string(), role));
    }
    if out.is_empty() {
        return Err("map at least one group to a role".into());
    }
    Ok(out)
}

/// A refused sign-in through the provider, on record; `who` is the subject
/// or username when known.
pub async fn refuse(ctx: &Context, client: &Client, who: &str, why: &str) -> Result<(), DomainError> {
    audit::record(ctx, &Entry::anonymous(client, who, "auth.sso_sign_in").refused(why)).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Linked {
    id: i64,
    username: String,
    role: Role,
    disabled: bool,
    sso_suspended_at: Option<String>,
}

/// Signs in the member `who` is, creating them on first sign-in; the role
/// comes from their groups. Returns the new session's id and the member.
pub async fn sign_in(
    ctx: &Context,
    who: &Identity,
    map: &[(String, Role)],
    client: &Client,
) -> Result<(String, accounts::User), DomainError> {
    let linked = sqlx::query_as::<_, Linked>(
        "SELECT id, username, role, disabled, sso_suspended_at FROM users WHERE oidc_issuer = ? AND oidc_subject = ?",
    )
    .bind(&who.issuer)
    .bind(&who.subject)
    .fetch_optional(&ctx.pool)
    .await?;
    let label = linked.as_ref().map_or_else(|| who.username.clone(), |l| l.username.clone());
    let Some(role) = role_from_groups(map, &who.groups) else {
        let why = format!("no group of {label} maps to a pgdeck role (groups: {})", who.groups.join(", "));
        if let Some(l) = &linked {
            suspend(ctx, l, &why).await?;
        }
        refuse(ctx, client, &label, &why).await?;
        return Err(DomainError::Forbidden(crate::Why::coded("sso-no-role", &[])));
    };
    let user_id = match linked {
        Some(l) if l.disabled => {
            refuse(ctx, client, &l.username, "the member is disabled in pgdeck").await?;
            return Err(DomainError::Forbidden(crate::Why::coded("sso-disabled", &[])));
        }
        Some(l) => {
            let mut tx = crate::db::begin(&ctx.pool).await?;
            sqlx::query("UPDATE users SET role = ?, display_name = ?, sso_suspended_at = NULL, updated_at = ? WHERE id = ?")
                .bind(role.as_str())
                .bind(display(who, &l.username))
                .bind(now_utc())
                .bind(l.id)
                .execute(&mut *tx)
                .await?;
            if l.role != role || l.sso_suspended_at.is_some() {
                let mut entry = Entry::system("user.role_from_groups").resource("user", &l.id.to_string(), &l.username).summary(
                    serde_json::json!({ "from": l.role.as_str(), "to": role.as_str(), "groups": who.groups, "was_suspended": l.sso_suspended_at.is_some() }),
                );
                entry.actor_name = format!("identity provider ({})", who.issuer);
                audit::record_in(&mut tx, ctx, &entry.succeeded()).await?;
                if l.role != role {
                    // Sessions opened under the old role end with it.
                    sqlx::query("DELETE FROM user_sessions WHERE user_id = ?").bind(l.id).execute(&mut *tx).await?;
                }
            }
            tx.commit().await?;
            ctx.sessions.forget_all();
            l.id
        }
        None => create(ctx, who, role).await?,
    };
    let user = accounts::get(&ctx.pool, user_id).await?.ok_or(DomainError::Unauthorized)?;
    let mut entry = Entry::anonymous(client, &user.username, "auth.sso_sign_in").resource("user", &user_id.to_string(), &user.username);
    entry.actor_id = Some(user_id);
    entry.role = role.as_str().to_string();
    let entry = entry.summary(serde_json::json!({ "issuer": who.issuer, "subject": who.subject }));
    let sid = crate::auth::open_session(ctx, user_id, client, entry).await?;
    Ok((sid, user))
}

fn display(who: &Identity, username: &str) -> String {
    let name = who.name.trim();
    let name = if name.is_empty() { username } else { name };
    name.chars().take(100).collect()
}

/// A username for a new member from the provider: the hint cut to what
/// usernames allow, made unique with a number.
async fn free_username(ctx: &Context, who: &Identity) -> Result<String, DomainError> {
    let hint = if who.username.is_empty() { who.email.split('@').next().unwrap_or("").to_string() } else { who.username.clone() };
    let mut base: String =
        hint.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' }).take(56).collect();
    if base.trim_matches('-').is_empty() {
        base = "member".into();
    }
    for n in 1..1000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE username = ?").bind(&candidate).fetch_optional(&ctx.pool).await?;
        if taken.is_none() {
            return Ok(candidate);
        }
    }
    Err(DomainError::Conflict("no free username for this member".into()))
}

async fn create(ctx: &Context, who: &Identity, role: Role) -> Result<i64, DomainError> {
    let username = free_username(ctx, who).await?;
    let now = now_utc();
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, password_hash, role, disabled, created_at, updated_at, oidc_issuer, oidc_subject) \
         VALUES (?, ?, '!identity-provider', ?, 0, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&username)
    .bind(display(who, &username))
    .bind(role.as_str())
    .bind(&now)
    .bind(&now)
    .bind(&who.issuer)
    .bind(&who.subject)
    .fetch_one(&mut *tx)
    .await?;
    let mut entry = Entry::system("user.create_from_sso").resource("user", &id.to_string(), &username).summary(serde_json::json!({
        "issuer": who.issuer, "subject": who.subject, "email": who.email, "role": role.as_str(), "groups": who.groups
    }));
    entry.actor_name = format!("identity provider ({})", who.issuer);
    audit::record_in(&mut tx, ctx, &entry.succeeded()).await?;
    tx.commit().await?;
    Ok(id)
}

async fn suspend(ctx: &Context, l: &Linked, why: &str) -> Result<(), DomainError> {
    if l.sso_suspended_at.is_some() {
        return Ok(());
    }
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE users SET sso_suspended_at = ?, updated_at = ? WHERE id = ?")
        .bind(now_utc())
        .bind(now_utc())
        .bind(l.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM user_sessions WHERE user_id = ?").bind(l.id).execute(&mut *tx).await?;
    let entry = Entry::system("user.suspend_from_groups")
        .resource("user", &l.id.to_string(), &l.username)
        .summary(serde_json::json!({ "why": why }));
    audit::record_in(&mut tx, ctx, &entry.succeeded()).await?;
    tx.commit().await?;
    ctx.sessions.forget_all();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_powerful_mapped_role_wins() {
        let map = parse_role_map("dba=admin, ops=operator, audit=auditor, everyone=viewer").unwrap();
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(role_from_groups(&map, &g(&["everyone", "ops"])), Some(Role::Operator));
        assert_eq!(role_from_groups(&map, &g(&["audit", "dba"])), Some(Role::Admin));
        assert_eq!(role_from_groups(&map, &g(&["audit", "ops"])), Some(Role::Operator));
        assert_eq!(role_from_groups(&map, &g(&["sales"])), None);
        assert_eq!(role_from_groups(&map, &[]), None);
    }

    #[test]
    fn a_role_map_is_checked() {
        assert!(parse_role_map("").is_err());
        assert!(parse_role_map("ops").is_err());
        assert!(parse_role_map("ops=root").is_err());
        assert_eq!(parse_role_map("a=b=admin").unwrap(), vec![("a=b".to_string(), Role::Admin)]);
    }
}
