//! DB instances: reads, and the actions the instance pages offer.

use crate::gateway::{self, Done, Target};
use crate::{Actor, Context, DomainError};
use rds::types::*;
use rds::DbInstanceId;
use serde::{Deserialize, Serialize};

/// All instances of the project, as upstream lists them.
pub async fn list(ctx: &Context, actor: &Actor) -> Result<Vec<DbInstance>, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.db_instances(&creds).await?.db_instances)
}

/// One instance in detail.
pub async fn detail(ctx: &Context, actor: &Actor, id: &str) -> Result<DbInstanceDetail, DomainError> {
    let creds = gateway::reader(ctx, actor).await?;
    Ok(ctx.rds.db_instance(&creds, &DbInstanceId::new(id)).await?)
}

/// An action from the instance pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum InstanceAction {
    Start,
    Stop,
    Restart { online_failover: bool, backup_first: bool },
    ForceRestart,
    Backup { name: String },
    Delete,
    Describe { description: String },
}

impl InstanceAction {
    /// The gateway action it performs.
    pub fn action_name(&self) -> &'static str {
        match self {
            InstanceAction::Start => "start_db_instance",
            InstanceAction::Stop => "stop_db_instance",
            InstanceAction::Restart { .. } => "restart_db_instance",
            InstanceAction::ForceRestart => "force_restart_db_instance",
            InstanceAction::Backup { .. } => "backup_db_instance",
            InstanceAction::Delete => "delete_db_instance",
            InstanceAction::Describe { .. } => "modify_db_instance",
        }
    }
}

/// What asking for an action came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// It ran; the job to follow, if any.
    Ran(Option<String>),
    /// It needs approval: the request filed.
    Requested(i64),
}

/// Asks for an instance action: gated actions become an approval request
/// (with the member's reason), others run at once.
pub async fn act(ctx: &Context, actor: &Actor, id: &str, what: InstanceAction, reason: &str) -> Result<Outcome, DomainError> {
    if crate::approvals::needs_approval(ctx, what.action_name()).await? {
        let name = detail(ctx, actor, id).await.map(|d| d.db_instance_name).unwrap_or_default();
        let command = crate::approvals::Command::Instance { id: id.to_string(), what };
        let request = crate::approvals::submit(ctx, actor, command, Target::new(id, name), reason).await?;
        return Ok(Outcome::Requested(request));
    }
    act_now(ctx, actor, id, what, None).await.map(Outcome::Ran)
}

/// Performs an instance action through the gateway; returns the job, if any.
pub async fn act_now(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    what: InstanceAction,
    approval_id: Option<i64>,
) -> Result<Option<String>, DomainError> {
    let iid = DbInstanceId::new(id);
    // The name makes the audit log readable; reading it also proves access.
    let name = match detail(ctx, actor, id).await {
        Ok(d) => d.db_instance_name,
        Err(DomainError::Upstream { .. }) => String::new(),
        Err(e) => return Err(e),
    };
    let target = Target::new(id, name);
    let name = what.action_name();
    macro_rules! go {
        ($req:expr, |$c:ident, $creds:ident| $call:expr) => {{
            let request = serde_json::to_value(&$req).unwrap_or_default();
            let done: Done<_> = gateway::perform(ctx, actor, name, target, request, approval_id, |$c, $creds| async move { $call }).await?;
            Ok(done.job_id)
        }};
    }
    match what {
        InstanceAction::Start => go!(serde_json::json!({}), |c, creds| c.start_db_instance(&creds, &iid).await),
        InstanceAction::Stop => go!(serde_json::json!({}), |c, creds| c.stop_db_instance(&creds, &iid).await),
        InstanceAction::ForceRestart => go!(serde_json::json!({}), |c, creds| c.force_restart_db_instance(&creds, &iid).await),
        InstanceAction::Delete => go!(serde_json::json!({}), |c, creds| c.delete_db_instance(&creds, &iid).await),
        InstanceAction::Restart { online_failover, backup_first } => {
            let req = RestartDbInstance { use_online_failover: online_failover, execute_backup: backup_first };
            let body = req.clone();
            go!(req, |c, creds| c.restart_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::Backup { name: backup_name } => {
            let req = BackupDbInstance { backup_name };
            let body = req.clone();
            go!(req, |c, creds| c.backup_db_instance(&creds, &iid, &body).await)
        }
        InstanceAction::Describe { description } => {
            let req = ModifyDbInstance { description: Some(description), ..Default::default() };
            let body = req.clone();
            go!(req, |c, creds| c.modify_db_instance(&creds, &iid, &body).await)
        }
    }
}
