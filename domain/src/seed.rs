//! Demo members for sandbox mode (never outside it).

use crate::accounts;
use crate::credentials::{self, NewCredential};
use crate::roles::Role;
use crate::{Actor, Context, DomainError};

/// Every demo member's password.
pub const DEMO_PASSWORD: &str = "sandbox-password";

/// A sandbox user access key: id and secret.
type DemoKey = Option<(&'static str, &'static str)>;

/// The demo members: username, display name, role, sandbox key.
pub const DEMO_USERS: &[(&str, &str, Role, DemoKey)] = &[
    ("admin", "Ada Admin", Role::Admin, Some(("sandbox-admin", "sandbox-admin-secret"))),
    ("alice", "Alice Operator", Role::Operator, Some(("sandbox-admin", "sandbox-admin-secret"))),
    ("bob", "Bob Approver", Role::Approver, Some(("sandbox-admin", "sandbox-admin-secret"))),
    ("carol", "Carol Approver", Role::Approver, Some(("sandbox-admin", "sandbox-admin-secret"))),
    ("victor", "Victor Viewer", Role::Viewer, Some(("sandbox-viewer", "sandbox-viewer-secret"))),
    ("audrey", "Audrey Auditor", Role::Auditor, None),
];

/// Adds the demo members when no member exists yet. Returns whether it did.
pub async fn sandbox_users(ctx: &Context) -> Result<bool, DomainError> {
    if accounts::count(&ctx.pool).await? > 0 {
        return Ok(false);
    }
    for (username, display, role, key) in DEMO_USERS {
        let user =
            accounts::create(ctx, crate::Authority::Pgdeck(crate::actor::Internal::new()), username, display, *role, DEMO_PASSWORD).await?;
        if let Some((id, secret)) = key {
            let actor = Actor::new(
                user.id,
                user.username.clone(),
                user.display_name.clone(),
                *role,
                String::new(),
                "local".into(),
                "pgdeck sandbox seed".into(),
            );
            credentials::add(
                ctx,
                &actor,
                NewCredential {
                    label: "Sandbox project".into(),
                    api_base: ctx.settings.api_base.clone(),
                    appkey: "sandbox-appkey".into(),
                    access_key_id: (*id).into(),
                    secret_access_key: (*secret).into(),
                },
            )
            .await?;
        }
    }
    Ok(true)
}
