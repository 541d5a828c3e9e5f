//! Server functions, one module per area. Each reads the request context
//! and calls `domain`; every function checks the member's session and role
//! on the server. Pages use them as `crate::api::…`.

mod access;
mod accounts;
mod alerting;
mod backups;
mod changes;
mod estate;

pub use access::*;
pub use accounts::*;
pub use alerting::*;
pub use backups::*;
pub use changes::*;
pub use estate::*;

use serde::{Deserialize, Serialize};

/// What every page needs to know about the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServerInfo {
    pub version: String,
    /// Whether pgdeck runs against its built-in emulator.
    pub sandbox: bool,
}

/// How members sign in here (the sign-in page's own answer, kept out of
/// the shell's).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInOptions {
    /// Whether pgdeck runs against its built-in emulator.
    pub sandbox: bool,
    /// The identity provider members may sign in through, by name.
    pub sso: Option<String>,
    /// Who may sign in with a password: `all`, `admins` or `off`.
    pub passwords: String,
}

/// The signed-in member, and what their role allows (for the UI's courtesy
/// of hiding controls; the server checks again on every call).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub username: String,
    pub display_name: String,
    pub role: model::roles::Role,
    pub can_change: bool,
    pub can_approve: bool,
    pub can_audit: bool,
    pub can_admin: bool,
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::AppError;
    use domain::{Actor, Client, Context, DomainError};
    use leptos::prelude::*;

    pub fn ctx() -> Result<Context, AppError> {
        use_context::<Context>().ok_or_else(|| AppError::Internal("no-context".into()))
    }

    pub async fn session() -> Result<tower_sessions::Session, AppError> {
        leptos_axum::extract::<tower_sessions::Session>().await.map_err(|e| AppError::Internal(format!("session: {e}")))
    }

    pub async fn client() -> Client {
        leptos_axum::extract::<axum::Extension<Client>>().await.map(|e| e.0).unwrap_or_default()
    }

    /// The signed-in member, or `Unauthorized` (ending a stale session).
    pub async fn actor() -> Result<(Context, Actor), AppError> {
        let ctx = ctx()?;
        let session = session().await?;
        let sid: Option<String> = session.get("sid").await.ok().flatten();
        let Some(sid) = sid else { return Err(AppError::Unauthorized) };
        match domain::auth::resolve(&ctx, &sid, &client().await).await {
            Ok(actor) => Ok((ctx, actor)),
            Err(DomainError::Unauthorized) => {
                let _ = session.flush().await;
                Err(AppError::Unauthorized)
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Proof that the member's role grants `P`; a refusal is audited under
    /// `action`.
    pub async fn granted<'a, P: domain::grant::Grant>(
        ctx: &Context,
        actor: &'a Actor,
        action: &str,
    ) -> Result<domain::Granted<'a, P>, AppError> {
        Ok(domain::audit::granted(ctx, actor, action).await?)
    }
}

/// Plain data the pages show, shared by server and browser.
pub mod domain_types {
    pub use model::records::*;
    pub use model::{CredentialView, SessionInfo, Webhook as WebhookView};
}

pub use model::{ChangeOutcome, InstanceExtra};
pub use rds::Call;

pub use model::{CreateChoices as Choices, Overview};

pub use model::{ParameterGroupView, SecurityGroupView};
