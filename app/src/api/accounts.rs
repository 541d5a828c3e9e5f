//! Signing in and out, a member's sessions and NHN Cloud credentials, and (for admins) the members.

#[cfg(feature = "ssr")]
use super::server;
use super::{domain_types, Member, ServerInfo};
use crate::AppError;
use leptos::prelude::*;

/// Version and mode of this pgdeck.
#[server(endpoint = "app_info", output = crate::wire::Answer)]
pub async fn app_info() -> Result<ServerInfo, AppError> {
    let ctx = server::ctx()?;
    Ok(ServerInfo { version: env!("CARGO_PKG_VERSION").to_string(), sandbox: ctx.settings.sandbox })
}

/// What the sign-in page offers: the identity provider, and whether
/// passwords are taken (and from whom).
#[server(endpoint = "sign_in_options", output = crate::wire::Answer)]
pub async fn sign_in_options() -> Result<super::SignInOptions, AppError> {
    let ctx = server::ctx()?;
    Ok(super::SignInOptions {
        sandbox: ctx.settings.sandbox,
        sso: ctx.settings.sso_name.clone(),
        passwords: ctx.settings.local_passwords.as_str().to_string(),
    })
}

/// The signed-in member, or `None`.
#[server(endpoint = "me", output = crate::wire::Answer)]
pub async fn me() -> Result<Option<Member>, AppError> {
    match server::actor().await {
        Ok((_, a)) => Ok(Some(member_of(&a))),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}

/// What pages know of a member: who, and what their role allows.
#[cfg(feature = "ssr")]
pub fn member_of(a: &domain::Actor) -> Member {
    use domain::Permission::*;
    Member {
        username: a.username.clone(),
        display_name: a.display_name.clone(),
        role: a.role,
        can_change: a.role.allows(Change),
        can_approve: a.role.allows(Approve),
        can_audit: a.role.allows(ReadAudit),
        can_admin: a.role.allows(Administer),
    }
}

/// Signs in; a new session id is issued. Redirects to `next` (a local path).
#[server(endpoint = "sign_in", output = crate::wire::Answer)]
pub async fn sign_in(username: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use domain::auth::SignInError;
    let ctx = server::ctx()?;
    let client = server::client().await;
    match domain::auth::sign_in(&ctx, &username, &password, &client).await {
        Ok((sid, _user)) => {
            let session = server::session().await?;
            session.cycle_id().await.map_err(|e| AppError::Internal(format!("session: {e}")))?;
            session.insert("sid", sid).await.map_err(|e| AppError::Internal(format!("session: {e}")))?;
            leptos_axum::redirect(model::redirect::local_target(next.as_deref().unwrap_or("/")));
            Ok(())
        }
        Err(SignInError::Invalid) => Err(rds::ValidationError::coded("password", "sign-in", vec![], "wrong username or password").into()),
        Err(SignInError::Locked(mins)) => Err(domain::DomainError::Forbidden(domain::Why::coded("sign-in-locked", &[&mins])).into()),
        Err(SignInError::PasswordsOff) => Err(domain::DomainError::Forbidden(domain::Why::coded("sign-in-sso-only", &[])).into()),
        Err(SignInError::Other(e)) => Err(e.into()),
    }
}

/// Signs out: the session ends on the server.
#[server(endpoint = "sign_out", output = crate::wire::Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    if let Ok((ctx, actor)) = server::actor().await {
        domain::auth::sign_out(&ctx, &actor).await?;
    }
    let session = server::session().await?;
    let _ = session.flush().await;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Sets the language pgdeck speaks to this browser: `en`, `ko`, or `auto`
/// to follow what the browser asks for. A signed-in member's choice is
/// theirs, on every browser (and on record); signed out, it holds for this
/// browser. The page reloads to show it.
#[server(endpoint = "set_language", output = crate::wire::Answer)]
pub async fn set_language(language: String) -> Result<(), AppError> {
    let chosen = match language.as_str() {
        "auto" => None,
        code => match lang::Lang::from_code(code) {
            Some(l) => Some(l),
            None => {
                return Err(rds::ValidationError::coded(
                    "language",
                    "one-of",
                    vec!["en, ko, auto".into(), code.to_string()],
                    format!("{code:?} is not one of en, ko, auto"),
                )
                .into());
            }
        },
    };
    // Signed in, the choice is the member's and the cookie its copy;
    // signed out, the cookie is the choice.
    let cookie = match server::actor().await {
        Ok((ctx, actor)) => {
            domain::accounts::set_language(&ctx, &actor, chosen.map(lang::Lang::code)).await?;
            chosen.map_or_else(|| lang::cookie::set(None), lang::cookie::set_member)
        }
        Err(AppError::Unauthorized) => lang::cookie::set(chosen),
        Err(e) => return Err(e),
    };
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), axum::http::HeaderValue::from_str(&cookie)) {
        res.append_header(axum::http::header::SET_COOKIE, v);
    }
    Ok(())
}

/// The member's sessions.
#[server(endpoint = "my_sessions", output = crate::wire::Answer)]
pub async fn my_sessions() -> Result<Vec<domain_types::SessionInfo>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::auth::sessions(&ctx, &actor).await?)
}

/// Ends another of the member's sessions.
#[server(endpoint = "end_session", output = crate::wire::Answer)]
pub async fn end_session(handle: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::auth::end_own_session(&ctx, &actor, &handle).await?)
}

/// The member's credential sets (secrets as last four characters only).
#[server(endpoint = "my_credentials", output = crate::wire::Answer)]
pub async fn my_credentials() -> Result<Vec<domain_types::CredentialView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let mut list = domain::credentials::list(&ctx, actor.user_id).await?;
    // What each set's last test found, in the member's language.
    for c in &mut list {
        if let Ok(said) = serde_json::from_str::<Vec<Vec<String>>>(&c.last_test_said) {
            if !said.is_empty() {
                c.last_test_message = Some(domain::credentials::words(crate::i18n::lang(), &said));
            }
        }
    }
    Ok(list)
}

/// Adds a credential set.
#[server(endpoint = "add_credential", output = crate::wire::Answer)]
pub async fn add_credential(
    label: String,
    api_base: String,
    appkey: String,
    access_key_id: String,
    secret_access_key: String,
) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let new = domain::credentials::NewCredential { label, api_base, appkey, access_key_id, secret_access_key };
    let saved = domain::credentials::add(&ctx, &actor, new).await?;
    // The first connection, at once: what pgdeck found is shown beside the
    // set (versions, instances, the job path), or why it failed.
    domain::credentials::test(&ctx, &actor, saved.id).await?;
    Ok(())
}

/// Tests a credential set: token exchange and a cheap read.
#[server(endpoint = "test_credential", output = crate::wire::Answer)]
pub async fn test_credential(id: i64) -> Result<(bool, String), AppError> {
    let (ctx, actor) = server::actor().await?;
    let (ok, said) = domain::credentials::test(&ctx, &actor, id).await?;
    Ok((ok, domain::credentials::words(crate::i18n::lang(), &said)))
}

/// Makes a credential set the active one.
#[server(endpoint = "activate_credential", output = crate::wire::Answer)]
pub async fn activate_credential(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::credentials::activate(&ctx, &actor, id).await?)
}

/// Removes a credential set.
#[server(endpoint = "remove_credential", output = crate::wire::Answer)]
pub async fn remove_credential(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::credentials::remove(&ctx, &actor, id).await?)
}

/// Members, and who has credentials (admins).
#[server(endpoint = "list_users", output = crate::wire::Answer)]
pub async fn list_users() -> Result<Vec<domain_types::UserRow>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "user.list").await?;
    let users = domain::accounts::list(&ctx.pool, by.into()).await?;
    let coverage = domain::credentials::coverage(&ctx).await?;
    Ok(users
        .into_iter()
        .map(|u| {
            let (sets, tested) = coverage.iter().find(|c| c.0 == u.username).map(|c| (c.1, c.2)).unwrap_or((0, false));
            domain_types::UserRow {
                username: u.username,
                display_name: u.display_name,
                role: u.role,
                disabled: u.disabled,
                credential_sets: sets,
                credentials_tested: tested,
                created_at: u.created_at,
            }
        })
        .collect())
}

/// Adds a member (admins).
#[server(endpoint = "create_user", output = crate::wire::Answer)]
pub async fn create_user(username: String, display_name: String, role: String, password: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "user.add").await?;
    let role: domain::Role = role.parse().map_err(|_| AppError::from(domain::refused("role", "role-unknown", &[&format!("{role:?}")])))?;
    domain::accounts::create(&ctx, by.into(), &username, &display_name, role, &password).await?;
    Ok(())
}

/// Changes a member's role (admins); their sessions end.
#[server(endpoint = "set_user_role", output = crate::wire::Answer)]
pub async fn set_user_role(username: String, role: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "user.set_role").await?;
    let role: domain::Role = role.parse().map_err(|_| AppError::from(domain::refused("role", "role-unknown", &[&format!("{role:?}")])))?;
    domain::accounts::set_role(&ctx, by.into(), &username, role).await?;
    Ok(())
}

/// Disables or enables a member (admins).
#[server(endpoint = "set_user_disabled", output = crate::wire::Answer)]
pub async fn set_user_disabled(username: String, disabled: bool) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "user.disable").await?;
    if disabled && username.eq_ignore_ascii_case(&actor.username) {
        return Err(rds::ValidationError::coded("username", "disable-yourself", vec![], "you cannot disable yourself").into());
    }
    domain::accounts::set_disabled(&ctx, by.into(), &username, disabled).await?;
    Ok(())
}

/// Sets a member's password (admins); their sessions end.
#[server(endpoint = "reset_user_password", output = crate::wire::Answer)]
pub async fn reset_user_password(username: String, password: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "user.reset_password").await?;
    domain::accounts::reset_password(&ctx, by.into(), &username, &password).await?;
    Ok(())
}

/// The member's personal API tokens (never their secrets).
#[server(endpoint = "my_tokens", output = crate::wire::Answer)]
pub async fn my_tokens() -> Result<Vec<model::tokens::TokenView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::tokens::mine(&ctx, &actor).await?)
}

/// Every member's tokens (admins).
#[server(endpoint = "all_tokens", output = crate::wire::Answer)]
pub async fn all_tokens() -> Result<Vec<model::tokens::TokenView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let by = server::granted::<domain::grant::Administer>(&ctx, &actor, "api_token.list").await?;
    Ok(domain::tokens::all(&ctx, by).await?)
}

/// Creates a personal API token; its secret is in this answer only.
#[server(endpoint = "create_token", input = server_fn::codec::Json, output = crate::wire::Answer)]
pub async fn create_token(new: model::tokens::NewToken) -> Result<model::tokens::Created, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::tokens::create(&ctx, &actor, &new).await?)
}

/// Revokes a token (its member's own, or anyone's for admins).
#[server(endpoint = "revoke_token", output = crate::wire::Answer)]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::tokens::revoke(&ctx, &actor, id).await?)
}
