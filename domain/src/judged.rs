//! What an approver judges a request by ([`model::Basis`]): the resources a
//! call touches, each by name, and the state its effect depends on — read
//! from upstream when the request is filed and again just before it runs.
//!
//! | action (or a call with its effect) | the state judged |
//! |---|---|
//! | every call | each resource in its path (and body) by id *and* name |
//! | `apply_hba_rules`, a DB user or database change that applies rules | the access-rule diff, rule for rule |
//! | `reset_parameter_group` | every parameter not at its default, with its value |
//! | `apply_recent_parameter_group`, instance moved to another group | the group's parameters and values |
//! | `modify_parameters` | the values before of the parameters it sets |
//! | `apply_extensions` | every waiting extension install and removal |
//! | `delete_security_rules`, `delete_db_security_group` | the group's rules |
//!
//! The same table is in docs/architecture.md.

use crate::{Context, DomainError};
pub use model::{Basis, Named, StateOf};
use rds::client::Credentials;
use rds::Call;

/// Reads the basis of `call` with `creds`. A resource that cannot be found
/// is named with an empty name (a difference when it existed at filing).
pub async fn basis(ctx: &Context, creds: &Credentials, call: &Call, gates: &[&str]) -> Result<Basis, DomainError> {
    let mut b = Basis::default();
    let instance = names(ctx, creds, call, &mut b).await?;
    let applies_rules = call.name() == "apply_hba_rules" || gates.contains(&"apply_hba_rules");
    match call {
        _ if applies_rules => {
            let id = rds::DbInstanceId::new(call.target_id());
            let rules = ctx.rds.hba_rules(creds, &id).await?;
            let diff = crate::access::hba_diff(ctx, id.as_str(), &rules).await?;
            b.state_label = StateOf::AccessRuleChanges.label();
            b.state = diff.entries.iter().map(|e| e.sentence()).collect();
        }
        Call::ResetParameterGroup { group_id } => {
            let g = ctx.rds.parameter_group(creds, group_id).await?;
            b.state_label = StateOf::ParametersReset.label();
            for p in g.parameters.iter().filter(|p| p.value != p.default_value) {
                b.state.push(format!("{} = {} (default {})", p.parameter_name, p.value, p.default_value));
                b.said.push(said(&["line-reset", &p.parameter_name, &p.value, &p.default_value]));
            }
        }
        Call::ModifyParameters { group_id, body } => {
            let g = ctx.rds.parameter_group(creds, group_id).await?;
            b.state_label = StateOf::ValuesReplaced.label();
            for m in &body.modified_parameters {
                match g.parameters.iter().find(|p| p.parameter_name == m.parameter_name) {
                    Some(p) => {
                        b.state.push(format!("{} = {}", m.parameter_name, p.value));
                        b.said.push(said(&["line-value", &m.parameter_name, &p.value]));
                    }
                    None => {
                        b.state.push(format!("{} = (no such parameter)", m.parameter_name));
                        b.said.push(said(&["line-no-such", &m.parameter_name]));
                    }
                }
            }
        }
        Call::ApplyRecentParameterGroup { .. } | Call::ModifyDbInstance { .. }
            if call.name() == "apply_recent_parameter_group" || gates.contains(&"apply_recent_parameter_group") =>
        {
            let group = match call {
                Call::ModifyDbInstance { body, .. } => body.parameter_group_id.clone(),
                _ => instance.map(|d| d.parameter_group_id),
            };
            if let Some(group) = group.filter(|g| !g.as_str().is_empty()) {
                let g = ctx.rds.parameter_group(creds, &group).await?;
                b.state_label = StateOf::GroupParameters(g.parameter_group_name.clone()).label();
                b.state = g.parameters.iter().map(|p| format!("{} = {}", p.parameter_name, p.value)).collect();
            }
        }
        Call::ApplyExtensions { group_id } => {
            let ext = ctx.rds.extensions(creds, group_id).await?;
            b.state_label = StateOf::ExtensionChanges.label();
            for e in &ext.extensions {
                for d in &e.databases {
                    if let Some(a) = d.reserved_action.as_ref().filter(|a| **a != rds::ExtensionReservedAction::None) {
                        b.state.push(format!("{}: {} in {}", a.label(), e.extension_name, d.database_name));
                        b.said.push(said(&["line-extension", a.as_str(), &e.extension_name, &d.database_name]));
                    }
                }
            }
        }
        Call::DeleteSecurityRules { group_id, .. } | Call::DeleteDbSecurityGroup { group_id } => {
            let g = ctx.rds.db_security_group(creds, group_id).await?.into_detail();
            b.state_label = StateOf::GroupRules.label();
            b.state = g.rules.iter().map(rule_words).collect();
            b.said = g.rules.iter().map(rule_said).collect();
        }
        _ => {}
    }
    Ok(b)
}

/// A security rule in one line.
pub fn rule_words(r: &rds::types::SecurityRule) -> String {
    let dir = r.direction.as_ref().map(|d| d.label().to_string()).unwrap_or_default();
    let port = match (r.port.min_port, r.port.max_port) {
        (Some(a), Some(b)) if a != b => format!("ports {a}-{b}"),
        (Some(a), _) | (None, Some(a)) => format!("port {a}"),
        (None, None) => r.port.port_type.as_ref().map(|t| t.label().to_string()).unwrap_or_default(),
    };
    format!("{dir} {} {port} ({})", r.cidr, r.rule_id).trim().to_string()
}

/// A security rule as a code and its values (`line-rule-ports` with the
/// direction, CIDR, ports and id), as [`rule_words`] says it in English.
fn rule_said(r: &rds::types::SecurityRule) -> Vec<String> {
    let dir = r.direction.as_ref().map(|d| d.as_str()).unwrap_or_default();
    let id = r.rule_id.to_string();
    match (r.port.min_port, r.port.max_port) {
        (Some(a), Some(b)) if a != b => said(&["line-rule-ports", dir, &r.cidr, &a.to_string(), &b.to_string(), &id]),
        (Some(a), _) | (None, Some(a)) => said(&["line-rule-port", dir, &r.cidr, &a.to_string(), &id]),
        (None, None) => said(&["line-rule-type", dir, &r.cidr, r.port.port_type.as_ref().map(|t| t.as_str()).unwrap_or_default(), &id]),
    }
}

/// A line of codes and values (`["line-reset", name, value, default]`), as
/// pgdeck records what it says for pages to word.
pub(crate) fn said(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn named(b: &mut Basis, kind: &str, id: &str, name: impl Into<String>) {
    b.names.push(Named { kind: kind.into(), id: id.into(), name: name.into() });
}

/// Upstream's answer, or `None` when it says the resource is not there.
fn found<T>(r: Result<T, rds::client::RdsError>) -> Result<Option<T>, DomainError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(rds::client::RdsError::Api { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Names every resource the call's path (and, for an extension install,
/// its body) points at; answers the instance it acts on, when it was read.
async fn names(
    ctx: &Context,
    creds: &Credentials,
    call: &Call,
    b: &mut Basis,
) -> Result<Option<rds::types::DbInstanceDetail>, DomainError> {
    use Call::*;
    let instance = match call {
        CreateDbInstance { .. }
        | CreateDbSecurityGroup { .. }
        | CreateParameterGroup { .. }
        | CreateUserGroup { .. }
        | CreateNotificationGroup { .. } => None,
        _ if matches!(model::actions::of(call).resource_type, "db_instance" | "database" | "db_user" | "hba_rule") => {
            Some(rds::DbInstanceId::new(call.target_id()))
        }
        _ => None,
    };
    let mut detail = None;
    if let Some(id) = &instance {
        detail = found(ctx.rds.db_instance(creds, id).await)?;
        named(b, "instance", id.as_str(), detail.as_ref().map(|d| d.db_instance_name.clone()).unwrap_or_default());
    }
    match call {
        ModifyDatabase { id, database_id, .. } | DeleteDatabase { id, database_id } => {
            let list = found(ctx.rds.databases(creds, id).await)?.map(|l| l.databases).unwrap_or_default();
            let name = list.into_iter().find(|d| &d.database_id == database_id).map(|d| d.database_name).unwrap_or_default();
            named(b, "database", database_id.as_str(), name);
        }
        ModifyDbUser { id, db_user_id, .. } | DeleteDbUser { id, db_user_id } => {
            let list = found(ctx.rds.db_users(creds, id).await)?.map(|l| l.db_users).unwrap_or_default();
            let name = list.into_iter().find(|u| &u.db_user_id == db_user_id).map(|u| u.db_user_name).unwrap_or_default();
            named(b, "DB user", db_user_id.as_str(), name);
        }
        ModifyHbaRule { id, hba_rule_id, .. } | DeleteHbaRule { id, hba_rule_id } => {
            let list = found(ctx.rds.hba_rules(creds, id).await)?.map(|l| l.hba_rules).unwrap_or_default();
            let name =
                list.iter().find(|r| &r.hba_rule_id == hba_rule_id).map(|r| model::hba::RuleWords::of(r).sentence()).unwrap_or_default();
            named(b, "access rule", hba_rule_id.as_str(), name);
        }
        ExportBackup { backup_id, .. } | RestoreBackup { backup_id, .. } | DeleteBackup { backup_id } => {
            let name = crate::backups::name_of(ctx, creds, backup_id.as_str()).await?;
            named(b, "backup", backup_id.as_str(), name);
        }
        ModifyDbSecurityGroup { group_id, .. }
        | DeleteDbSecurityGroup { group_id }
        | CreateSecurityRule { group_id, .. }
        | ModifySecurityRule { group_id, .. }
        | DeleteSecurityRules { group_id, .. } => {
            let name = found(ctx.rds.db_security_group(creds, group_id).await)?
                .map(|g| g.into_detail().db_security_group_name)
                .unwrap_or_default();
            named(b, "DB security group", group_id.as_str(), name);
        }
        CopyParameterGroup { group_id, .. }
        | ModifyParameterGroup { group_id, .. }
        | ModifyParameters { group_id, .. }
        | ResetParameterGroup { group_id }
        | DeleteParameterGroup { group_id } => {
            let name = found(ctx.rds.parameter_group(creds, group_id).await)?.map(|g| g.parameter_group_name).unwrap_or_default();
            named(b, "parameter group", group_id.as_str(), name);
        }
        ModifyUserGroup { group_id, .. } | DeleteUserGroup { group_id } => {
            let name = found(ctx.rds.user_group(creds, group_id).await)?.map(|g| g.user_group_name).unwrap_or_default();
            named(b, "user group", group_id.as_str(), name);
        }
        ModifyNotificationGroup { group_id, .. }
        | DeleteNotificationGroup { group_id }
        | CreateWatchdog { group_id, .. }
        | ModifyWatchdog { group_id, .. }
        | DeleteWatchdog { group_id, .. } => {
            let name = found(ctx.rds.notification_group(creds, group_id).await)?.map(|g| g.notification_group_name).unwrap_or_default();
            named(b, "notification group", group_id.as_str(), name);
            if let ModifyWatchdog { watchdog_id, .. } | DeleteWatchdog { watchdog_id, .. } = call {
                let list = found(ctx.rds.watchdogs(creds, group_id).await)?.map(|w| w.watchdogs).unwrap_or_default();
                let name = list.into_iter().find(|w| &w.watchdog_id == watchdog_id).map(|w| w.metric_name).unwrap_or_default();
                named(b, "watchdog", watchdog_id.as_str(), name);
            }
        }
        InstallExtension { group_id, .. }
        | DeleteExtension { group_id, .. }
        | ApplyExtensions { group_id }
        | SyncExtensions { group_id } => {
            extension_names(ctx, creds, call, group_id, b).await?;
        }
        _ => {}
    }
    Ok(detail)
}

/// An instance group by its members' names; the extension, database and
/// schema an install or removal touches.
async fn extension_names(
    ctx: &Context,
    creds: &Credentials,
    call: &Call,
    group_id: &rds::DbInstanceGroupId,
    b: &mut Basis,
) -> Result<(), DomainError> {
    let members = found(ctx.rds.db_instance_group(creds, group_id).await)?.map(|g| g.db_instances).unwrap_or_default();
    let mut member_names = Vec::new();
    for m in &members {
        if let Some(d) = found(ctx.rds.db_instance(creds, &m.db_instance_id).await)? {
            let role = m.db_instance_type.as_ref().map(|t| t.label().to_string()).unwrap_or_default();
            member_names.push(if role.is_empty() { d.db_instance_name } else { format!("{} ({role})", d.db_instance_name) });
        }
    }
    named(b, "instance group", group_id.as_str(), member_names.join(", "));
    let ext = found(ctx.rds.extensions(creds, group_id).await)?.map(|e| e.extensions).unwrap_or_default();
    match call {
        Call::InstallExtension { extension_id, body, .. } => {
            let name = ext.iter().find(|e| &e.extension_id == extension_id).map(|e| e.extension_name.clone()).unwrap_or_default();
            named(b, "extension", extension_id.as_str(), name);
            let mut db_name = String::new();
            if let Some(m) = members.first() {
                let dbs = found(ctx.rds.databases(creds, &m.db_instance_id).await)?.map(|d| d.databases).unwrap_or_default();
                db_name = dbs.into_iter().find(|d| d.database_id == body.database_id).map(|d| d.database_name).unwrap_or_default();
            }
            named(b, "database", body.database_id.as_str(), db_name);
            named(b, "schema", &body.schema_name, body.schema_name.clone());
        }
        Call::DeleteExtension { group_extension_id, .. } => {
            let hit = ext
                .iter()
                .find_map(|e| e.databases.iter().find(|d| &d.db_instance_group_extension_id == group_extension_id).map(|d| (e, d)));
            let name = hit.map(|(e, d)| format!("{} in {}", e.extension_name, d.database_name)).unwrap_or_default();
            named(b, "extension", group_extension_id.as_str(), name);
        }
        _ => {}
    }
    Ok(())
}

/// The gated actions a call falls under: its own, and those whose effect it
/// has, from its fields (`model::actions::effects`) or from upstream's state
/// (a rule deletion that empties a group in use, parameter edits that leave
/// every parameter at its default).
pub async fn gates(ctx: &Context, creds: &Credentials, call: &Call) -> Result<Vec<&'static str>, DomainError> {
    let mut out = model::actions::gates(call);
    match call {
        Call::DeleteSecurityRules { group_id, query } => {
            let g = ctx.rds.db_security_group(creds, group_id).await?.into_detail();
            let left = g.rules.iter().filter(|r| !query.rule_ids.contains(&r.rule_id)).count();
            if left == 0 {
                let used = crate::access::security_group_users(ctx, creds).await?;
                if used.get(group_id.as_str()).is_some_and(|u| !u.is_empty()) {
                    out.push("delete_db_security_group");
                }
            }
        }
        Call::ModifyParameters { group_id, body } => {
            let g = ctx.rds.parameter_group(creds, group_id).await?;
            fn value_after<'a>(p: &'a rds::types::Parameter, body: &'a rds::types::ModifyParameters) -> &'a str {
                body.modified_parameters
                    .iter()
                    .find(|m| m.parameter_name == p.parameter_name)
                    .map_or(p.value.as_str(), |m| m.value.as_str())
            }
            let before_all_default = g.parameters.iter().all(|p| p.value == p.default_value);
            let after_all_default = g.parameters.iter().all(|p| value_after(p, body) == p.default_value);
            if after_all_default && !before_all_default {
                out.push("reset_parameter_group");
            }
        }
        _ => {}
    }
    Ok(out)
}

/// The basis of a request, read with the credentials of whoever filed it.
pub async fn basis_for(ctx: &Context, actor: &crate::Actor, call: &Call, gates: &[&str]) -> Result<Basis, DomainError> {
    let creds = crate::credentials::acting(ctx, actor.user_id).await?.1;
    basis(ctx, &creds, call, gates).await
}
