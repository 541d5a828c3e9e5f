//! The one entry point for every change a member asks for.
//!
//! A page builds an [`rds::Call`]; [`request`] checks it, and either runs it
//! through the gateway at once or — when the action's policy says so —
//! files it as an approval request that runs it later, as the requester.
//! The same path serves all 62 mutating endpoints: a new form is a call
//! built in the browser, and nothing here changes.

use crate::audit;
use crate::gateway::{self, Target};
use crate::{approvals, Changer, Context, DomainError};
use rds::Call;

pub use model::ChangeOutcome as Outcome;

/// Asks for `call`: gated actions become an approval request carrying
/// `reason`, the others run now.
pub async fn request(ctx: &Context, actor: Changer<'_>, call: Call, reason: &str) -> Result<Outcome, DomainError> {
    let call = match complete(ctx, actor, call).await {
        Ok(c) => c,
        Err((call, e)) => return refuse(ctx, &actor, &call, e).await,
    };
    if let Err(v) = call.validate() {
        return refuse(ctx, &actor, &call, DomainError::Validation(v)).await;
    }
    let target = match target(ctx, actor, &call).await {
        Ok(t) => t,
        Err(e) => return refuse(ctx, &actor, &call, e).await,
    };
    let detail = match precheck(ctx, actor, &call).await {
        Ok(d) => d,
        Err(e) => return refuse(ctx, &actor, &call, e).await,
    };
    // Gated by effect, not by endpoint: the call falls under the policy of
    // every action whose effect it has, and the strictest one wins.
    let gates = match gates(ctx, actor, &call).await {
        Ok(g) => g,
        Err(e) => return refuse(ctx, &actor, &call, e).await,
    };
    let policy = match gateway::Cleared::ungated(approvals::strictest(ctx, &gates).await?) {
        Ok(cleared) => {
            let done = gateway::send(ctx, &actor, &call, target, cleared).await?;
            return Ok(Outcome::Ran { job: done.sent.job_id, created: done.sent.created_id, audit: Some(done.audit_id) });
        }
        Err(policy) => policy,
    };
    let basis = match crate::judged::basis_for(ctx, &actor, &call, &gates).await {
        Ok(b) => b,
        Err(e) => return refuse(ctx, &actor, &call, e).await,
    };
    let target = match basis.names.first() {
        Some(n) if n.id == target.id && target.name.is_empty() => Target::new(&target.id, &n.name),
        _ => target,
    };
    let filing = approvals::Filing { policy, gates: &gates, basis: &basis, detail: &detail };
    let id = approvals::submit(ctx, actor, call, target, reason, filing).await?;
    Ok(Outcome::Requested { approval: id })
}

/// Whether `call` would wait for approval: the strictest policy over every
/// gated action whose effect it has (asked by the confirmation dialog, so
/// that a reason is asked for up front).
///
/// The call's prechecks come first: a call upstream's state would refuse
/// (a group still in use, a backup gone) answers that refusal, so the
/// dialog says so before it asks for a reason. Field limits are not checked
/// here: the dialog itself may still fill fields in (a backup's name).
pub async fn needs_approval(ctx: &Context, actor: Changer<'_>, call: &Call) -> Result<bool, DomainError> {
    precheck(ctx, actor, call).await?;
    let gates = gates(ctx, actor, call).await?;
    Ok(approvals::strictest(ctx, &gates).await?.is_some())
}

/// Fills in what upstream needs beyond what the member changed: a DB
/// security group's modification is refused without its name, so a
/// description-only edit is sent with the current name
/// (docs/upstream-api.md). A read replica is sent with every setting the
/// guide says defaults to the source's, filled from the source: a body
/// with only a name was refused live.
async fn complete(ctx: &Context, actor: Changer<'_>, call: Call) -> Result<Call, (Call, DomainError)> {
    match call {
        Call::ReplicateDbInstance { id, mut body } => {
            let read = async {
                let creds = gateway::reader(ctx, &actor.reading()).await?;
                let (detail, storage, network) =
                    tokio::join!(ctx.rds.db_instance(&creds, &id), ctx.rds.storage_info(&creds, &id), ctx.rds.network_info(&creds, &id));
                Ok::<_, DomainError>((detail?, storage?, network?))
            };
            match read.await {
                Ok((detail, storage, network)) => {
                    body.db_flavor_id.get_or_insert(detail.db_flavor_id);
                    body.db_port.get_or_insert(detail.db_port);
                    body.parameter_group_id.get_or_insert(detail.parameter_group_id);
                    body.db_security_group_ids.get_or_insert(detail.db_security_group_ids);
                    let net = body.network.get_or_insert_with(Default::default);
                    if net.availability_zone.as_deref().is_none_or(str::is_empty) {
                        net.availability_zone = Some(network.availability_zone);
                    }
                    let st = body.storage.get_or_insert_with(Default::default);
                    if st.storage_type.as_deref().is_none_or(str::is_empty) {
                        st.storage_type = Some(storage.storage_type);
                    }
                    st.storage_size.get_or_insert(storage.storage_size);
                    Ok(Call::ReplicateDbInstance { id, body })
                }
                Err(e) => Err((Call::ReplicateDbInstance { id, body }, e)),
            }
        }
        Call::ModifyDbSecurityGroup { group_id, mut body }
            if body.db_security_group_name.as_deref().is_none_or(|n| n.trim().is_empty()) =>
        {
            let read = async {
                let creds = gateway::reader(ctx, &actor.reading()).await?;
                Ok::<_, DomainError>(ctx.rds.db_security_group(&creds, &group_id).await?.into_detail().db_security_group_name)
            };
            match read.await {
                Ok(name) => {
                    body.db_security_group_name = Some(name);
                    Ok(Call::ModifyDbSecurityGroup { group_id, body })
                }
                Err(e) => Err((Call::ModifyDbSecurityGroup { group_id, body }, e)),
            }
        }
        other => Ok(other),
    }
}

/// Every action whose policy `call` falls under. Upstream is read only for
/// the calls whose effect depends on its state (`Effect::by_state`).
async fn gates(ctx: &Context, actor: Changer<'_>, call: &Call) -> Result<Vec<&'static str>, DomainError> {
    if model::actions::EFFECTS.iter().any(|e| e.by_state && e.call == call.name()) {
        let creds = gateway::reader(ctx, &actor.reading()).await?;
        return crate::judged::gates(ctx, &creds, call).await;
    }
    Ok(model::actions::gates(call))
}

/// Refuses a call before anything is sent or filed, on the record: a
/// field's limit, something upstream does not have (a backup that is gone),
/// a conflict (a group still in use), or upstream failing to answer the
/// reads a precheck needs.
async fn refuse(ctx: &Context, actor: &crate::Actor, call: &Call, e: DomainError) -> Result<Outcome, DomainError> {
    let a = model::actions::of(call);
    let entry = audit::Entry::by(actor, a.name)
        .resource(a.resource_type, call.target_id(), call.named().unwrap_or_default())
        .summary(gateway::summary(call)?);
    let entry = match &e {
        DomainError::Upstream { code, message } => entry.failed(Some(*code), message),
        DomainError::Unavailable(_) | DomainError::Internal(_) => entry.failed(None, &e.to_string()),
        DomainError::Throttled { .. } => entry.failed(None, &format!("not executed: {e}")),
        _ => entry.refused(&e.to_string()),
    };
    audit::record(ctx, &entry).await?;
    Err(e)
}

/// What the call acts on, named for the audit log and the approval inbox.
/// Calls on an instance (or its databases, users and rules) read the
/// instance's name, which also proves the member can see it; a name that
/// cannot be read leaves it empty. Others take the name the call gives.
async fn target(ctx: &Context, actor: Changer<'_>, call: &Call) -> Result<Target, DomainError> {
    let id = call.target_id();
    let kind = model::actions::of(call).resource_type;
    if kind == "backup" && !id.is_empty() {
        let creds = gateway::reader(ctx, &actor.reading()).await?;
        let described = crate::backups::describe(ctx, &creds, id).await?;
        let name = if described.is_empty() { call.named().unwrap_or_default().to_string() } else { described };
        return Ok(Target::new(id, name));
    }
    let on_instance = matches!(kind, "db_instance" | "database" | "db_user" | "hba_rule");
    if !on_instance || id.is_empty() {
        return Ok(Target::new(id, call.named().unwrap_or_default()));
    }
    let creds = gateway::reader(ctx, &actor.reading()).await?;
    let name = match ctx.rds.db_instance(&creds, &rds::DbInstanceId::new(id)).await {
        Ok(d) => d.db_instance_name,
        Err(rds::client::RdsError::Api { .. }) => String::new(),
        Err(e) => return Err(e.into()),
    };
    Ok(Target::new(id, name))
}

/// Rules that need upstream's current state: checked before a call is sent
/// or a request filed, with the field named. Answers what an approver should
/// see beside the call (JSON; empty for most calls).
async fn precheck(ctx: &Context, actor: Changer<'_>, call: &Call) -> Result<String, DomainError> {
    match call {
        Call::CreateHbaRule { id, .. }
        | Call::ModifyHbaRule { id, .. }
        | Call::DeleteHbaRule { id, .. }
        | Call::ReorderHbaRules { id, .. } => {
            // The rules before the first waiting change are the baseline of
            // the apply's diff: read (and remembered) before the change.
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let rules = ctx.rds.hba_rules(&creds, id).await?;
            crate::access::hba_diff(ctx, id.as_str(), &rules).await?;
        }
        Call::ApplyHbaRules { id } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let rules = ctx.rds.hba_rules(&creds, id).await?;
            let diff = crate::access::hba_diff(ctx, id.as_str(), &rules).await?;
            return serde_json::to_string(&diff).map_err(|e| DomainError::Internal(e.into()));
        }
        Call::CreateWatchdog { body, .. } | Call::ModifyWatchdog { body, .. } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let metrics = ctx.rds.metrics(&creds).await?.metrics;
            if !metrics.iter().any(|m| m.metric_name == body.metric_name) {
                let shown: String = body.metric_name.chars().take(60).collect();
                return Err(crate::refused("metricName", "not-a-metric", &[&format!("{shown:?}")]).into());
            }
        }
        Call::DeleteDbSecurityGroup { group_id } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let using = crate::access::security_group_users(ctx, &creds).await?.remove(group_id.as_str()).unwrap_or_default();
            if !using.is_empty() {
                let names: Vec<String> = using.into_iter().map(|u| u.name).collect();
                return Err(DomainError::Conflict(crate::Why::coded("security-group-in-use", &[&names.join(", ")])));
            }
        }
        Call::ModifyStorageInfo { id, body } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let current = ctx.rds.storage_info(&creds, id).await?.storage_size;
            rds::validate::StorageSize::grow(current, body.storage_size).map_err(DomainError::Validation)?;
        }
        Call::ModifyParameters { group_id, body } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let detail = ctx.rds.parameter_group(&creds, group_id).await?;
            crate::access::check_changes(&detail, &body.modified_parameters)?;
        }
        Call::DeleteParameterGroup { group_id } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            let using = crate::access::instances_using(ctx, &creds).await?.remove(group_id.as_str()).unwrap_or_default();
            if !using.is_empty() {
                let names: Vec<String> = using.into_iter().map(|u| u.name).collect();
                return Err(DomainError::Conflict(crate::Why::coded("parameter-group-in-use", &[&names.join(", ")])));
            }
        }
        Call::RestoreDbInstance { .. } | Call::RestoreBackup { .. } | Call::DeleteBackup { .. } | Call::ExportBackup { .. } => {
            let creds = gateway::reader(ctx, &actor.reading()).await?;
            crate::backups::precheck(ctx, &creds, call).await?;
        }
        _ => {}
    }
    Ok(String::new())
}
