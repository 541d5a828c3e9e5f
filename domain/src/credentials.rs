//! Each member's NHN Cloud credential sets, sealed in the vault.

use crate::auth::Actor;
use crate::time::now_utc;
use crate::{Context, DomainError};
use rds::client::Credentials;
use rds::ValidationError;
use serde::{Deserialize, Serialize};

pub use model::CredentialView;

/// A new credential set as typed by the member.
#[derive(Clone, Default, Deserialize, Serialize)]
pub struct NewCredential {
    pub label: String,
    pub api_base: String,
    pub appkey: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

impl std::fmt::Debug for NewCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewCredential").field("label", &self.label).field("api_base", &self.api_base).finish_non_exhaustive()
    }
}

fn last4(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

fn invalid(field: &str, code: &str, args: &[&(dyn std::fmt::Display + Sync)]) -> DomainError {
    DomainError::Validation(crate::refused(field, code, args))
}

fn aad(user_id: i64, field: &str) -> String {
    format!("pgdeck credential {field} of user {user_id}")
}

const COLUMNS: &str = "id, label, api_base, appkey_last4, access_key_id_last4, secret_last4, active, created_at, last_tested_at, last_test_ok, last_test_message, last_test_said";

/// Checks and stores a credential set for the member. The first one becomes active.
pub async fn add(ctx: &Context, actor: &Actor, new: NewCredential) -> Result<CredentialView, DomainError> {
    let label = new.label.trim();
    if label.is_empty() || label.chars().count() > 64 {
        return Err(invalid("label", "credential-label", &[]));
    }
    let base = new.api_base.trim();
    let base = crate::outbound::check_api_base(&ctx.settings, if base.is_empty() { ctx.settings.api_base.as_str() } else { base })?;
    let base = base.as_str();
    for (field, v) in [("appkey", &new.appkey), ("access_key_id", &new.access_key_id), ("secret_access_key", &new.secret_access_key)] {
        let v = v.trim();
        if v.is_empty() {
            return Err(DomainError::Validation(ValidationError::required(field)));
        }
        if v.len() > 256 || v.chars().any(char::is_whitespace) {
            return Err(invalid(field, "credential-token", &[]));
        }
    }
    let (appkey, key_id, secret) = (new.appkey.trim(), new.access_key_id.trim(), new.secret_access_key.trim());
    let v = &ctx.vault;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    let has_active: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM credentials WHERE user_id = ? AND active = 1)")
        .bind(actor.user_id)
        .fetch_one(&mut *tx)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO credentials (user_id, label, api_base, appkey_enc, appkey_last4, access_key_id_enc, access_key_id_last4, secret_enc, secret_last4, active, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(actor.user_id)
    .bind(label)
    .bind(base)
    .bind(v.seal_str(&aad(actor.user_id, "appkey"), appkey))
    .bind(last4(appkey))
    .bind(v.seal_str(&aad(actor.user_id, "access_key_id"), key_id))
    .bind(last4(key_id))
    .bind(v.seal_str(&aad(actor.user_id, "secret_access_key"), secret))
    .bind(last4(secret))
    .bind(!has_active)
    .bind(now_utc())
    .fetch_one(&mut *tx)
    .await?;
    crate::audit::record_in(
        &mut tx,
        ctx,
        &crate::audit::Entry::by(actor, "credential.add").resource("credential", &id.to_string(), label).succeeded(),
    )
    .await?;
    tx.commit().await?;
    ctx.forget_acting(actor.user_id);
    get(ctx, actor, id).await
}

/// One of the member's sets.
pub async fn get(ctx: &Context, actor: &Actor, id: i64) -> Result<CredentialView, DomainError> {
    sqlx::query_as::<_, CredentialView>(&format!("SELECT {COLUMNS} FROM credentials WHERE id = ? AND user_id = ?"))
        .bind(id)
        .bind(actor.user_id)
        .fetch_optional(&ctx.pool)
        .await?
        .ok_or_else(|| DomainError::NotFound("no such credential set".into()))
}

/// The member's sets.
pub async fn list(ctx: &Context, user_id: i64) -> Result<Vec<CredentialView>, DomainError> {
    Ok(sqlx::query_as::<_, CredentialView>(&format!("SELECT {COLUMNS} FROM credentials WHERE user_id = ? ORDER BY id"))
        .bind(user_id)
        .fetch_all(&ctx.pool)
        .await?)
}

/// Removes one of the member's sets.
pub async fn remove(ctx: &Context, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let view = get(ctx, actor, id).await?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("DELETE FROM credentials WHERE id = ? AND user_id = ?").bind(id).bind(actor.user_id).execute(&mut *tx).await?;
    if view.active {
        // Keep one active when any remain.
        sqlx::query("UPDATE credentials SET active = 1 WHERE id = (SELECT MIN(id) FROM credentials WHERE user_id = ?)")
            .bind(actor.user_id)
            .execute(&mut *tx)
            .await?;
    }
    crate::audit::record_in(
        &mut tx,
        ctx,
        &crate::audit::Entry::by(actor, "credential.remove").resource("credential", &id.to_string(), &view.label).succeeded(),
    )
    .await?;
    tx.commit().await?;
    ctx.forget_acting(actor.user_id);
    ctx.rds.forget_tokens().await;
    Ok(())
}

/// Makes one of the member's sets the one pgdeck acts with.
pub async fn activate(ctx: &Context, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let view = get(ctx, actor, id).await?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE credentials SET active = 0 WHERE user_id = ?").bind(actor.user_id).execute(&mut *tx).await?;
    sqlx::query("UPDATE credentials SET active = 1 WHERE id = ? AND user_id = ?").bind(id).bind(actor.user_id).execute(&mut *tx).await?;
    crate::audit::record_in(
        &mut tx,
        ctx,
        &crate::audit::Entry::by(actor, "credential.activate").resource("credential", &id.to_string(), &view.label).succeeded(),
    )
    .await?;
    tx.commit().await?;
    ctx.forget_acting(actor.user_id);
    Ok(())
}

/// Opens a stored set.
pub(crate) async fn open(ctx: &Context, user_id: i64, id: i64) -> Result<Credentials, DomainError> {
    let row = sqlx::query_as::<_, (String, Vec<u8>, Vec<u8>, Vec<u8>)>(
        "SELECT api_base, appkey_enc, access_key_id_enc, secret_enc FROM credentials WHERE id = ? AND user_id = ?",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(&ctx.pool)
    .await?
    .ok_or(DomainError::NoCredentials)?;
    let v = &ctx.vault;
    // In sandbox mode the emulator is the only upstream, wherever it listens now.
    // Elsewhere a set saved before an address was taken off the allowlist is
    // not used: nothing is sent to an address pgdeck no longer accepts.
    let api_base =
        if ctx.settings.sandbox { ctx.settings.api_base.clone() } else { crate::outbound::check_api_base(&ctx.settings, &row.0)? };
    Ok(Credentials {
        api_base,
        appkey: v.open_str(&aad(user_id, "appkey"), &row.1)?,
        access_key_id: v.open_str(&aad(user_id, "access_key_id"), &row.2)?,
        secret_access_key: v.open_str(&aad(user_id, "secret_access_key"), &row.3)?,
    })
}

/// The set a member acts with, and its id.
pub async fn acting(ctx: &Context, user_id: i64) -> Result<(i64, Credentials), DomainError> {
    if let Some(set) = ctx.cached_acting(user_id) {
        return Ok(set);
    }
    let set = acting_from_store(ctx, user_id).await?;
    ctx.cache_acting(user_id, set.clone());
    Ok(set)
}

async fn acting_from_store(ctx: &Context, user_id: i64) -> Result<(i64, Credentials), DomainError> {
    let id: Option<i64> =
        sqlx::query_scalar("SELECT id FROM credentials WHERE user_id = ? AND active = 1").bind(user_id).fetch_optional(&ctx.pool).await?;
    let id = id.ok_or(DomainError::NoCredentials)?;
    Ok((id, open(ctx, user_id, id).await?))
}

/// Tries a set: a token exchange and a cheap read. Records and returns the
/// outcome: whether it worked, and what was found as codes and values
/// ([`words`] says them in a language; the record keeps the English).
pub async fn test(ctx: &Context, actor: &Actor, id: i64) -> Result<(bool, Vec<Vec<String>>), DomainError> {
    let view = get(ctx, actor, id).await?;
    let creds = open(ctx, actor.user_id, id).await?;
    let line = crate::judged::said;
    let (ok, said) = match ctx.rds.db_versions(&creds).await {
        Ok(v) => (true, first_connection(ctx, &creds, &v).await),
        Err(rds::client::RdsError::Api { code: 80_403, message }) => (false, vec![line(&["cred-80403", &message])]),
        Err(rds::client::RdsError::Api { code: 80_401, message }) => (false, vec![line(&["cred-80401", &message])]),
        Err(e) => (false, vec![line(&["", &e.to_string()])]),
    };
    let english = words(lang::Lang::En, &said);
    let said_json = serde_json::to_string(&said).map_err(|e| DomainError::Internal(e.into()))?;
    let mut tx = crate::db::begin(&ctx.pool).await?;
    sqlx::query("UPDATE credentials SET last_tested_at = ?, last_test_ok = ?, last_test_message = ?, last_test_said = ? WHERE id = ?")
        .bind(now_utc())
        .bind(ok)
        .bind(&english)
        .bind(&said_json)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let entry = crate::audit::Entry::by(actor, "credential.test").resource("credential", &id.to_string(), &view.label);
    let entry = if ok { entry.succeeded() } else { entry.failed(None, &english) };
    crate::audit::record_in(&mut tx, ctx, &entry).await?;
    tx.commit().await?;
    Ok((ok, said))
}

/// A credential test's findings in `l`: its lines' messages (`cred-*` in
/// `settings.ftl`) one after the other; a line without a code is text as
/// it came (an error from the connection, in English).
pub fn words(l: lang::Lang, said: &[Vec<String>]) -> String {
    let table = lang::tables::table(l);
    let mut out = String::new();
    for line in said {
        let Some((code, args)) = line.split_first() else { continue };
        use lang::msg::settings as m;
        let a = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
        let plain = |k: lang::Key| Some(lang::Text::new(k, Vec::new()));
        let message = match code.as_str() {
            "cred-signed-in" => Some(m::cred_signed_in(a(0), a(1))),
            "cred-newest" => Some(m::cred_newest(a(0))),
            "cred-form-current" => plain(m::CRED_FORM_CURRENT),
            "cred-form-earlier" => plain(m::CRED_FORM_EARLIER),
            "cred-form-none" => plain(m::CRED_FORM_NONE),
            "cred-instances" => Some(m::cred_instances(a(0))),
            "cred-instances-failed" => Some(m::cred_instances_failed(a(0))),
            "cred-jobs" => Some(m::cred_jobs(a(0))),
            "cred-no-jobs" => plain(m::CRED_NO_JOBS),
            "cred-80403" => Some(m::cred_80403(a(0))),
            "cred-80401" => Some(m::cred_80401(a(0))),
            _ => None,
        };
        let text = match message {
            Some(t) => table.format(&t),
            None => args.join(" "),
        };
        // The version's form is said in brackets after the count.
        if code.starts_with("cred-form-") {
            out.push_str(&format!(" ({text})"));
        } else {
            out.push_str(&text);
        }
    }
    if said.first().and_then(|l| l.first()).is_some_and(|c| c == "cred-signed-in") {
        out.push('.');
    }
    out
}

/// What a first connection found, as codes and values: the versions
/// upstream offers (and the form of their codes), the instances the keys
/// see, and the path jobs answer on — so a team learns at once if its
/// region, appkey or keys are wrong, or if the service answers otherwise
/// than pgdeck expects.
async fn first_connection(ctx: &Context, creds: &Credentials, versions: &rds::types::DbVersions) -> Vec<Vec<String>> {
    let codes: Vec<&str> = versions.db_versions.iter().map(|v| v.db_version.as_str()).collect();
    let newest: Option<&str> = codes.iter().filter_map(|c| rds::versions::parts(c).map(|p| (p, *c))).max().map(|(_, c)| c);
    let line = crate::judged::said;
    let mut said = vec![line(&["cred-signed-in", &creds.api_base, &codes.len().to_string()])];
    if let Some(c) = newest {
        said.push(line(&["cred-newest", &rds::versions::label(c)]));
    }
    said.push(line(&[match newest {
        Some(c) if c.trim_start_matches("POSTGRESQL_V").contains('_') => "cred-form-current",
        Some(_) => "cred-form-earlier",
        None => "cred-form-none",
    }]));
    match ctx.rds.db_instances(creds).await {
        Ok(list) => said.push(line(&["cred-instances", &list.db_instances.len().to_string()])),
        Err(e) => said.push(line(&["cred-instances-failed", &e.to_string()])),
    }
    match ctx.rds.discover_job_path(creds).await {
        Some(path) => said.push(line(&["cred-jobs", &format!("{path}{{jobId}}")])),
        None => said.push(line(&["cred-no-jobs"])),
    }
    said
}

/// Who has credentials set up (for admins): username → number of sets, never secrets.
pub async fn coverage(ctx: &Context) -> Result<Vec<(String, i64, bool)>, DomainError> {
    Ok(sqlx::query_as::<_, (String, i64, bool)>(
        "SELECT u.username, COUNT(c.id), COALESCE(MAX(c.last_test_ok), 0) FROM users u LEFT JOIN credentials c ON c.user_id = u.id GROUP BY u.id ORDER BY u.username",
    )
    .fetch_all(&ctx.pool)
    .await?)
}
