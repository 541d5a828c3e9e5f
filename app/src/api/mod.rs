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

/// The signed-in member, and what their role allows (for the UI's courtesy
/// of hiding controls; the server checks again on every call).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub username: String,
    pub display_name: String,
    pub role: String,
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
        match actor.grant::<P>() {
            Ok(g) => Ok(g),
            Err(e) => {
                domain::audit::record(ctx, &domain::audit::Entry::by(actor, action).refused(&e.to_string())).await?;
                Err(e.into())
            }
        }
    }
}

/// Plain data the pages show, shared by server and browser.
pub mod domain_types {
    pub use model::{CredentialView, SessionInfo, Webhook as WebhookView};
    use serde::{Deserialize, Serialize};

    /// A member as admins see them.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct UserRow {
        pub username: String,
        pub display_name: String,
        pub role: String,
        pub disabled: bool,
        pub credential_sets: i64,
        pub credentials_tested: bool,
        pub created_at: String,
    }

    /// A job as the pages show it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct JobView {
        pub job_id: String,
        pub action: String,
        pub resource_type: String,
        pub resource_id: String,
        pub resource_name: String,
        pub username: String,
        pub status: String,
        pub finished: bool,
        pub note: String,
        pub audit_id: Option<i64>,
        pub approval_id: Option<i64>,
        pub created_at: String,
        pub updated_at: String,
        pub finished_at: Option<String>,
    }

    impl JobView {
        /// Whether the job ended well.
        pub fn succeeded(&self) -> bool {
            self.finished && self.status == "COMPLETED"
        }
    }

    /// The audit page's filter.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    pub struct AuditQuery {
        pub actor: String,
        pub action: String,
        pub resource: String,
        pub outcome: String,
        pub from: String,
        pub to: String,
        pub text: String,
        pub before_id: Option<i64>,
    }

    /// An audit row as the pages show it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct AuditView {
        pub id: i64,
        pub at: String,
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
        #[serde(default)]
        pub intent_id: Option<i64>,
    }

    /// An approval request as the pages show it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct ApprovalView {
        pub id: i64,
        pub action: String,
        pub resource_type: String,
        pub resource_id: String,
        pub resource_name: String,
        pub command: String,
        pub reason: String,
        pub requester_name: String,
        pub state: String,
        pub approvals_needed: i64,
        pub approver_roles: String,
        pub expires_at: String,
        pub job_id: Option<String>,
        pub result_code: Option<i64>,
        pub result_message: String,
        pub created_at: String,
        pub votes: Vec<(String, String, String, String)>,
        /// For an apply of access rules: what it changes, as computed when
        /// the request was filed.
        pub hba_diff: Option<model::hba::Diff>,
    }

    /// The dashboard: the estate, what waits for the member, what runs.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct DashboardView {
        pub estate: Vec<model::EstateRow>,
        pub events: Vec<rds::types::Event>,
        /// Requests waiting for this member's vote.
        pub waiting: Vec<ApprovalView>,
        /// This member's own open requests.
        pub mine: Vec<ApprovalView>,
        /// Jobs running now.
        pub running: Vec<JobView>,
    }

    /// A policy as the admin page shows and edits it.
    #[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
    pub struct PolicyView {
        pub action: String,
        pub required: bool,
        pub approvals_needed: i64,
        pub approver_roles: Vec<String>,
        pub open_hours: i64,
        pub run_within_hours: i64,
        pub customised: bool,
    }

    #[cfg(feature = "ssr")]
    impl From<domain::approvals::Request> for ApprovalView {
        fn from(r: domain::approvals::Request) -> Self {
            let hba_diff = serde_json::from_str(&r.detail).ok().filter(|_| r.action == "apply_hba_rules");
            Self {
                hba_diff,
                id: r.id,
                action: r.action,
                resource_type: r.resource_type,
                resource_id: r.resource_id,
                resource_name: r.resource_name,
                command: r.command,
                reason: r.reason,
                requester_name: r.requester_name,
                state: r.state.as_str().to_string(),
                approvals_needed: r.approvals_needed,
                approver_roles: r.approver_roles,
                expires_at: r.expires_at,
                job_id: r.job_id,
                result_code: r.result_code,
                result_message: r.result_message,
                created_at: r.created_at,
                votes: r.votes.into_iter().map(|v| (v.voter_name, v.vote, v.comment, v.at)).collect(),
            }
        }
    }

    #[cfg(feature = "ssr")]
    impl From<domain::approvals::Policy> for PolicyView {
        fn from(p: domain::approvals::Policy) -> Self {
            Self {
                action: p.action,
                required: p.required,
                approvals_needed: p.approvals_needed,
                approver_roles: p.approver_roles.iter().map(|r| r.as_str().to_string()).collect(),
                open_hours: p.open_hours,
                run_within_hours: p.run_within_hours,
                customised: p.customised,
            }
        }
    }

    #[cfg(feature = "ssr")]
    impl From<domain::jobs::JobRow> for JobView {
        fn from(j: domain::jobs::JobRow) -> Self {
            Self {
                job_id: j.job_id,
                action: j.action,
                resource_type: j.resource_type,
                resource_id: j.resource_id,
                resource_name: j.resource_name,
                username: j.username,
                status: j.status,
                finished: j.finished,
                note: j.note,
                audit_id: j.audit_id,
                approval_id: j.approval_id,
                created_at: j.created_at,
                updated_at: j.updated_at,
                finished_at: j.finished_at,
            }
        }
    }

    #[cfg(feature = "ssr")]
    impl From<domain::audit::Row> for AuditView {
        fn from(r: domain::audit::Row) -> Self {
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
}

pub use model::{ChangeOutcome, InstanceExtra};
pub use rds::Call;

pub use model::{CreateChoices as Choices, Overview};

pub use model::{ParameterGroupView, SecurityGroupView};
