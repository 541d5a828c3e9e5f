//! Server functions. Each reads the request context and calls `domain`.
//! Every function checks the member's session and role on the server.

use crate::AppError;
use leptos::prelude::*;
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

    /// The signed-in member, if their role grants `p`; a refusal is audited.
    pub async fn actor_with(p: domain::Permission, action: &str) -> Result<(Context, Actor), AppError> {
        let (ctx, actor) = actor().await?;
        if let Err(e) = actor.require(p) {
            let entry = domain::audit::Entry::by(&actor, action).refused(&e.to_string());
            domain::audit::record(&ctx, &entry).await?;
            return Err(e.into());
        }
        Ok((ctx, actor))
    }
}

/// Version and mode of this pgdeck.
#[server(endpoint = "app_info")]
pub async fn app_info() -> Result<ServerInfo, AppError> {
    let ctx = server::ctx()?;
    Ok(ServerInfo { version: env!("CARGO_PKG_VERSION").to_string(), sandbox: ctx.settings.sandbox })
}

/// The signed-in member, or `None`.
#[server(endpoint = "me")]
pub async fn me() -> Result<Option<Member>, AppError> {
    use domain::Permission::*;
    match server::actor().await {
        Ok((_, a)) => Ok(Some(Member {
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            role: a.role.to_string(),
            can_change: a.role.allows(Change),
            can_approve: a.role.allows(Approve),
            can_audit: a.role.allows(ReadAudit),
            can_admin: a.role.allows(Administer),
        })),
        Err(AppError::Unauthorized) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Signs in; a new session id is issued. Redirects to `next` (a local path).
#[server(endpoint = "sign_in")]
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
        Err(SignInError::Invalid) => Err(AppError::Validation { field: "password".into(), reason: "wrong username or password".into() }),
        Err(SignInError::Locked(mins)) => Err(AppError::Forbidden(format!("too many failed sign-ins: try again in {mins} minutes"))),
        Err(SignInError::Other(e)) => Err(e.into()),
    }
}

/// Signs out: the session ends on the server.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    if let Ok((ctx, actor)) = server::actor().await {
        domain::auth::sign_out(&ctx, &actor).await?;
    }
    let session = server::session().await?;
    let _ = session.flush().await;
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// The member's sessions.
#[server(endpoint = "my_sessions")]
pub async fn my_sessions() -> Result<Vec<domain_types::SessionInfo>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::auth::sessions(&ctx, &actor).await?)
}

/// Ends another of the member's sessions.
#[server(endpoint = "end_session")]
pub async fn end_session(handle: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::auth::end_own_session(&ctx, &actor, &handle).await?)
}

/// The member's credential sets (secrets as last four characters only).
#[server(endpoint = "my_credentials")]
pub async fn my_credentials() -> Result<Vec<domain_types::CredentialView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::credentials::list(&ctx, actor.user_id).await?)
}

/// Adds a credential set.
#[server(endpoint = "add_credential")]
pub async fn add_credential(
    label: String,
    api_base: String,
    appkey: String,
    access_key_id: String,
    secret_access_key: String,
) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let new = domain::credentials::NewCredential { label, api_base, appkey, access_key_id, secret_access_key };
    domain::credentials::add(&ctx, &actor, new).await?;
    Ok(())
}

/// Tests a credential set: token exchange and a cheap read.
#[server(endpoint = "test_credential")]
pub async fn test_credential(id: i64) -> Result<(bool, String), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::credentials::test(&ctx, &actor, id).await?)
}

/// Makes a credential set the active one.
#[server(endpoint = "activate_credential")]
pub async fn activate_credential(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::credentials::activate(&ctx, &actor, id).await?)
}

/// Removes a credential set.
#[server(endpoint = "remove_credential")]
pub async fn remove_credential(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::credentials::remove(&ctx, &actor, id).await?)
}

/// Members, and who has credentials (admins).
#[server(endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<domain_types::UserRow>, AppError> {
    let (ctx, _) = server::actor_with(domain::Permission::Administer, "user.list").await?;
    let users = domain::accounts::list(&ctx.pool).await?;
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
#[server(endpoint = "create_user")]
pub async fn create_user(username: String, display_name: String, role: String, password: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor_with(domain::Permission::Administer, "user.add").await?;
    let role: domain::Role = role.parse().map_err(|e: String| AppError::Validation { field: "role".into(), reason: e })?;
    domain::accounts::create(&ctx, domain::audit::Entry::by(&actor, ""), &username, &display_name, role, &password).await?;
    Ok(())
}

/// Changes a member's role (admins); their sessions end.
#[server(endpoint = "set_user_role")]
pub async fn set_user_role(username: String, role: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor_with(domain::Permission::Administer, "user.set_role").await?;
    let role: domain::Role = role.parse().map_err(|e: String| AppError::Validation { field: "role".into(), reason: e })?;
    domain::accounts::set_role(&ctx, domain::audit::Entry::by(&actor, ""), &username, role).await?;
    Ok(())
}

/// Disables or enables a member (admins).
#[server(endpoint = "set_user_disabled")]
pub async fn set_user_disabled(username: String, disabled: bool) -> Result<(), AppError> {
    let (ctx, actor) = server::actor_with(domain::Permission::Administer, "user.disable").await?;
    if disabled && username.eq_ignore_ascii_case(&actor.username) {
        return Err(AppError::Validation { field: "username".into(), reason: "you cannot disable yourself".into() });
    }
    domain::accounts::set_disabled(&ctx, domain::audit::Entry::by(&actor, ""), &username, disabled).await?;
    Ok(())
}

/// Sets a member's password (admins); their sessions end.
#[server(endpoint = "reset_user_password")]
pub async fn reset_user_password(username: String, password: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor_with(domain::Permission::Administer, "user.reset_password").await?;
    domain::accounts::reset_password(&ctx, domain::audit::Entry::by(&actor, ""), &username, &password).await?;
    Ok(())
}

/// The DB instances of the project.
#[server(endpoint = "list_instances")]
pub async fn list_instances() -> Result<Vec<rds::types::DbInstance>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::list(&ctx, actor.grant()?).await?)
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

/// Flavor, storage, zone and protection of every instance (the list's
/// second load: one detail read per instance).
#[server(endpoint = "instance_extras")]
pub async fn instance_extras() -> Result<Vec<InstanceExtra>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::extras(&ctx, actor.grant()?).await?)
}

/// Asks for any change: gated ones become an approval request carrying
/// `reason`, others run at once. The one server function every form uses.
#[server(endpoint = "request_change", input = server_fn::codec::Json)]
pub async fn request_change(call: Call, reason: String) -> Result<ChangeOutcome, AppError> {
    let (ctx, actor) = server::actor().await?;
    let changer = server::granted::<domain::grant::Change>(&ctx, &actor, call.name()).await?;
    Ok(domain::change::request(&ctx, changer, call, &reason).await?)
}

/// Whether an instance action needs approval (to ask for a reason up front).
#[server(endpoint = "needs_approval")]
pub async fn needs_approval(action: String) -> Result<bool, AppError> {
    let (ctx, _) = server::actor().await?;
    Ok(domain::approvals::needs_approval(&ctx, &action).await?)
}

/// Approval requests: `view` is `inbox`, `mine` or `all`.
#[server(endpoint = "list_approvals")]
pub async fn list_approvals(view: String, state: String) -> Result<Vec<domain_types::ApprovalView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    let f = domain::approvals::ListFilter { view, state, ..Default::default() };
    Ok(domain::approvals::list(&ctx, &actor, &f).await?.into_iter().map(Into::into).collect())
}

/// How many requests wait for the member's vote.
#[server(endpoint = "approvals_waiting")]
pub async fn approvals_waiting() -> Result<i64, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::waiting_for(&ctx, &actor).await?)
}

/// Approves or rejects a request, with a comment.
#[server(endpoint = "vote_approval")]
pub async fn vote_approval(id: i64, approve: bool, comment: String) -> Result<domain_types::ApprovalView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::vote(&ctx, &actor, id, approve, &comment).await?.into())
}

/// Withdraws one's own pending request.
#[server(endpoint = "cancel_approval")]
pub async fn cancel_approval(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::approvals::cancel(&ctx, &actor, id).await?)
}

/// Every action's approval policy (admins).
#[server(endpoint = "list_policies")]
pub async fn list_policies() -> Result<Vec<domain_types::PolicyView>, AppError> {
    let (ctx, _) = server::actor_with(domain::Permission::Administer, "policy.list").await?;
    Ok(domain::approvals::policies(&ctx).await?.into_iter().map(Into::into).collect())
}

/// Changes an action's approval policy (admins).
#[server(endpoint = "set_policy", input = server_fn::codec::Json)]
pub async fn set_policy(policy: domain_types::PolicyView) -> Result<(), AppError> {
    let (ctx, actor) = server::actor().await?;
    let roles = policy.approver_roles.iter().filter_map(|r| r.parse().ok()).collect();
    let p = domain::approvals::Policy {
        action: policy.action,
        required: policy.required,
        approvals_needed: policy.approvals_needed,
        approver_roles: roles,
        open_hours: policy.open_hours,
        run_within_hours: policy.run_within_hours,
        customised: true,
    };
    Ok(domain::approvals::set_policy(&ctx, &actor, &p).await?)
}

/// Webhooks and their delivery failures (admins).
#[server(endpoint = "list_webhooks")]
pub async fn list_webhooks() -> Result<Vec<domain_types::WebhookView>, AppError> {
    let (ctx, _) = server::actor_with(domain::Permission::Administer, "webhook.list").await?;
    Ok(domain::notify::webhooks(&ctx).await?)
}

/// Adds a webhook (admins).
#[server(endpoint = "add_webhook")]
pub async fn add_webhook(name: String, url: String, kind: String) -> Result<(), AppError> {
    let (ctx, actor) = server::actor_with(domain::Permission::Administer, "webhook.add").await?;
    Ok(domain::notify::add_webhook(&ctx, &actor, &name, &url, &kind).await?)
}

/// Removes a webhook (admins).
#[server(endpoint = "remove_webhook")]
pub async fn remove_webhook(id: i64) -> Result<(), AppError> {
    let (ctx, actor) = server::actor_with(domain::Permission::Administer, "webhook.remove").await?;
    Ok(domain::notify::remove_webhook(&ctx, &actor, id).await?)
}

/// Jobs pgdeck follows: `state` is `running`, `finished` or empty for all.
#[server(endpoint = "list_jobs")]
pub async fn list_jobs(state: String, resource_id: String) -> Result<Vec<domain_types::JobView>, AppError> {
    let (ctx, actor) = server::actor().await?;
    actor.require(domain::Permission::Read)?;
    let rows = domain::jobs::list(&ctx, &domain::jobs::JobFilter { state, resource_id, limit: 200, ..Default::default() }).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The audit log, filtered (admins and auditors).
#[server(endpoint = "search_audit", input = server_fn::codec::Json)]
pub async fn search_audit(query: domain_types::AuditQuery) -> Result<Vec<domain_types::AuditView>, AppError> {
    let (ctx, _) = server::actor_with(domain::Permission::ReadAudit, "audit.search").await?;
    let filter = domain::audit::Filter {
        actor: query.actor,
        action: query.action,
        resource: query.resource,
        outcome: query.outcome,
        from: query.from,
        to: query.to,
        text: query.text,
        before_id: query.before_id,
        limit: 50,
    };
    Ok(domain::audit::search(&ctx.pool, &filter).await?.into_iter().map(Into::into).collect())
}

pub use model::{CreateChoices as Choices, Overview};

/// One instance from every angle.
#[server(endpoint = "instance_overview")]
pub async fn instance_overview(id: String) -> Result<Overview, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::overview(&ctx, actor.grant()?, &id).await?)
}

/// An instance's databases.
#[server(endpoint = "instance_databases")]
pub async fn instance_databases(id: String) -> Result<Vec<rds::types::Database>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::databases(&ctx, actor.grant()?, &id).await?)
}

/// An instance's DB users.
#[server(endpoint = "instance_users")]
pub async fn instance_users(id: String) -> Result<Vec<rds::types::DbUser>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::users(&ctx, actor.grant()?, &id).await?)
}

/// Metric series of an instance over the last `minutes`.
#[server(endpoint = "instance_metrics")]
pub async fn instance_metrics(
    id: String,
    names: Vec<String>,
    minutes: i64,
    end: Option<i64>,
) -> Result<(Vec<rds::types::Metric>, Vec<rds::types::MetricSeries>, Vec<model::alerting::WatchLine>), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::metrics(&ctx, actor.grant()?, &id, names, minutes, end).await?)
}

/// Loads the create form's choices from the API.
#[server(endpoint = "create_choices")]
pub async fn create_choices() -> Result<Choices, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::create_choices(&ctx, actor.grant()?).await?)
}

pub use model::{ParameterGroupView, SecurityGroupView};

/// A parameter group with every parameter.
#[server(endpoint = "parameter_group")]
pub async fn parameter_group(id: String) -> Result<ParameterGroupView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::parameter_group(&ctx, actor.grant()?, &id).await?)
}

/// A DB security group with its rules.
#[server(endpoint = "security_group")]
pub async fn security_group(id: String) -> Result<SecurityGroupView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::security_group(&ctx, actor.grant()?, &id).await?)
}

/// Every parameter group and DB security group.
#[server(endpoint = "access_groups")]
pub async fn access_groups() -> Result<(Vec<model::GroupRow>, Vec<model::GroupRow>), AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::groups(&ctx, actor.grant()?).await?)
}

/// An instance's access control (HBA) rules.
#[server(endpoint = "instance_hba")]
pub async fn instance_hba(id: String) -> Result<model::HbaView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::hba_rules(&ctx, actor.grant()?, &id).await?)
}

/// One page of the project's backups (or one instance's), newest first.
#[server(endpoint = "list_backups", input = server_fn::codec::Json)]
pub async fn list_backups(query: rds::types::BackupQuery) -> Result<rds::types::Backups, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::backups::list(&ctx, actor.grant()?, query).await?)
}

/// What the restore page of instance `id` offers.
/// `backup` (may be empty) is the backup a restore starts from.
#[server(endpoint = "restore_options")]
pub async fn restore_options(id: String, backup: String) -> Result<model::RestoreChoices, AppError> {
    let (ctx, actor) = server::actor().await?;
    let backup = Some(backup.trim()).filter(|b| !b.is_empty());
    Ok(domain::backups::restore_choices(&ctx, actor.grant()?, &id, backup).await?)
}

/// The project's parameter groups, each with the instances using it.
#[server(endpoint = "parameter_groups")]
pub async fn parameter_groups() -> Result<Vec<model::ParameterGroupRow>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::access::parameter_groups(&ctx, actor.grant()?).await?)
}

/// The project's events, filtered and paged as upstream does.
#[server(endpoint = "list_events", input = server_fn::codec::Json)]
pub async fn list_events(query: rds::types::EventQuery) -> Result<rds::types::Events, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::project_events(&ctx, actor.grant()?, query).await?)
}

/// User groups, notification groups with their watchdogs, and what their
/// forms choose from.
#[server(endpoint = "alerting")]
pub async fn alerting() -> Result<model::alerting::Alerting, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::alerting::overview(&ctx, actor.grant()?).await?)
}

/// The extensions of an instance's group, with the instance's databases.
#[server(endpoint = "instance_extensions")]
pub async fn instance_extensions(id: String) -> Result<model::ExtensionsView, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::extensions(&ctx, actor.grant()?, &id).await?)
}

/// The dashboard: instances needing attention first, approvals waiting for
/// the member, their own open requests, jobs running and recent events.
#[server(endpoint = "dashboard")]
pub async fn dashboard() -> Result<domain_types::DashboardView, AppError> {
    let (ctx, actor) = server::actor().await?;
    let d = domain::dashboard::load(&ctx, &actor).await?;
    Ok(domain_types::DashboardView {
        estate: d.estate,
        events: d.events,
        waiting: d.waiting.into_iter().map(Into::into).collect(),
        mine: d.mine.into_iter().map(Into::into).collect(),
        running: d.running.into_iter().map(Into::into).collect(),
    })
}

/// What the read-replica form offers beyond the instance's overview.
#[server(endpoint = "replica_choices")]
pub async fn replica_choices() -> Result<model::ReplicaChoices, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::replica_choices(&ctx, actor.grant()?).await?)
}

/// The project's instance groups.
#[server(endpoint = "instance_groups")]
pub async fn instance_groups() -> Result<Vec<rds::types::DbInstanceGroup>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::groups(&ctx, actor.grant()?).await?)
}

/// The event codes a project can subscribe to.
#[server(endpoint = "event_codes")]
pub async fn event_codes() -> Result<Vec<rds::types::EventCode>, AppError> {
    let (ctx, actor) = server::actor().await?;
    Ok(domain::instances::event_codes(&ctx, actor.grant()?).await?)
}
