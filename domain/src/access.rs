//! Parameter groups and DB security groups, as read for their pages.

use crate::gateway;
use crate::{Context, DomainError, Reader};
use model::{GroupRow, HbaRuleView, HbaView, ParameterGroupView, ParameterView, RuleView, SecurityGroupView};
use rds::datetime::Timestamp;
use rds::{DbInstanceId, DbSecurityGroupId, ParameterGroupId, PortType, ReservedAction};

fn when(t: &Option<Timestamp>) -> String {
    t.as_ref().map(Timestamp::display).unwrap_or_default()
}

/// Every parameter group and every DB security group of the project.
pub async fn groups(ctx: &Context, actor: Reader<'_>) -> Result<(Vec<GroupRow>, Vec<GroupRow>), DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let (pgs, sgs) = tokio::join!(
        ctx.rds.parameter_groups(&creds, &rds::types::ParameterGroupQuery { db_version: None }),
        ctx.rds.db_security_groups(&creds)
    );
    let pgs = pgs?
        .parameter_groups
        .into_iter()
        .map(|g| GroupRow {
            id: g.parameter_group_id.0,
            name: g.parameter_group_name,
            description: g.description.unwrap_or_default(),
            version: model::version_label(&g.db_version),
            status: g.parameter_group_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        })
        .collect();
    let sgs = sgs?
        .db_security_groups
        .into_iter()
        .map(|g| GroupRow {
            id: g.db_security_group_id.0,
            name: g.db_security_group_name,
            description: g.description.unwrap_or_default(),
            version: String::new(),
            status: g.db_security_group_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        })
        .collect();
    Ok((pgs, sgs))
}

/// One parameter group with every parameter.
pub async fn parameter_group(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<ParameterGroupView, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let g = ctx.rds.parameter_group(&creds, &ParameterGroupId::new(id)).await?;
    let used_by = instances_using(ctx, &creds).await?.remove(g.parameter_group_id.as_str()).unwrap_or_default();
    let detail = g.clone();
    Ok(ParameterGroupView {
        id: g.parameter_group_id.0,
        name: g.parameter_group_name,
        description: g.description.unwrap_or_default(),
        version: model::version_label(&g.db_version),
        status: g.parameter_group_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        created: when(&g.created_ymdt),
        updated: when(&g.updated_ymdt),
        used_by,
        detail,
        parameters: g
            .parameters
            .into_iter()
            .map(|p| ParameterView {
                category: p.parameter_category,
                name: p.parameter_name,
                value: p.value,
                unit: p.value_unit.map(|u| u.as_str().to_string()).unwrap_or_default(),
                default: p.default_value,
                allowed: p.allowed_value,
                modifiable: p.update_type.as_ref().is_none_or(|u| *u == rds::UpdateType::Variable),
                restarts: p.apply_type.as_ref().is_some_and(|a| a.needs_restart()),
                apply: p.apply_type.map(|a| a.as_str().to_string()).unwrap_or_default(),
            })
            .collect(),
    })
}

/// Every instance, by the parameter group it uses.
pub async fn instances_using(
    ctx: &Context,
    creds: &rds::client::Credentials,
) -> Result<std::collections::HashMap<String, Vec<model::UsedBy>>, DomainError> {
    let mut by_group: std::collections::HashMap<String, Vec<model::UsedBy>> = std::collections::HashMap::new();
    for d in instance_details(ctx, creds).await? {
        by_group.entry(d.parameter_group_id.0.clone()).or_default().push(model::UsedBy {
            id: d.db_instance_id.0,
            name: d.db_instance_name,
            status: d.db_instance_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
            needs_apply: d.need_to_apply_parameter_group,
        });
    }
    Ok(by_group)
}

/// The project's parameter groups with the instances using each.
pub async fn parameter_groups(ctx: &Context, actor: Reader<'_>) -> Result<Vec<model::ParameterGroupRow>, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let all = rds::types::ParameterGroupQuery { db_version: None };
    let (groups, using) = tokio::join!(ctx.rds.parameter_groups(&creds, &all), instances_using(ctx, &creds));
    let mut using = using?;
    Ok(groups?
        .parameter_groups
        .into_iter()
        .map(|g| model::ParameterGroupRow { used_by: using.remove(g.parameter_group_id.as_str()).unwrap_or_default(), group: g })
        .collect())
}

/// Checks parameter changes against the group as it stands upstream: each
/// parameter exists, can be changed, and takes the value (range with its
/// unit, enum, boolean).
pub fn check_changes(
    detail: &rds::types::ParameterGroupDetail,
    changes: &[rds::types::ParameterChange],
) -> Result<(), rds::ValidationError> {
    for c in changes {
        let Some(p) = detail.parameters.iter().find(|p| p.parameter_name == c.parameter_name) else {
            return Err(crate::refused("modifiedParameters.parameterName", "not-a-parameter", &[&c.parameter_name]));
        };
        if p.update_type == Some(rds::UpdateType::Constant) {
            return Err(crate::refused("modifiedParameters.value", "param-fixed", &[&c.parameter_name]));
        }
        rds::params::check(p, &c.value)?;
    }
    Ok(())
}

/// How a rule's ports read: the instance's port, one port, or a range.
fn ports(p: &rds::types::RulePort) -> String {
    match (&p.port_type, p.min_port, p.max_port) {
        (Some(PortType::DbPort), ..) => "DB port".into(),
        (_, Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (_, Some(a), _) | (_, None, Some(a)) => a.to_string(),
        (t, None, None) => t.as_ref().map(|t| t.label().to_string()).unwrap_or_default(),
    }
}

/// One DB security group with its rules.
pub async fn security_group(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<SecurityGroupView, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let gid = DbSecurityGroupId::new(id);
    let (g, users) = tokio::join!(ctx.rds.db_security_group(&creds, &gid), security_group_users(ctx, &creds));
    let g = g?.into_detail();
    let used_by = users?.remove(id).unwrap_or_default();
    Ok(SecurityGroupView {
        used_by,
        busy: g
            .progress_status
            .as_ref()
            .filter(|p| **p != rds::SecurityGroupProgress::None)
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
        id: g.db_security_group_id.0,
        name: g.db_security_group_name,
        description: g.description.unwrap_or_default(),
        status: g.db_security_group_status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        created: when(&g.created_ymdt),
        updated: when(&g.updated_ymdt),
        rules: g
            .rules
            .iter()
            .map(|r| RuleView {
                id: r.rule_id.0.clone(),
                rule: r.clone(),
                direction: r.direction.as_ref().map(|d| d.label().to_string()).unwrap_or_default(),
                ether_type: r.ether_type.as_ref().map(|e| e.label().to_string()).unwrap_or_default(),
                ports: ports(&r.port),
                cidr: r.cidr.clone(),
                description: r.description.clone().unwrap_or_default(),
            })
            .collect(),
    })
}

/// An instance's access control (HBA) rules in the order they are matched,
/// what applying them now would change, and the instance's databases and
/// DB users for the rule form.
pub async fn hba_rules(ctx: &Context, actor: Reader<'_>, id: &str) -> Result<HbaView, DomainError> {
    let creds = gateway::reader(ctx, &actor).await?;
    let instance = DbInstanceId::new(id);
    let (answer, databases, users) =
        tokio::join!(ctx.rds.hba_rules(&creds, &instance), ctx.rds.databases(&creds, &instance), ctx.rds.db_users(&creds, &instance));
    let answer = answer?;
    let diff = hba_diff(ctx, id, &answer).await?;
    let mut rules: Vec<HbaRuleView> = answer
        .hba_rules
        .into_iter()
        .map(|r| {
            let words = model::hba::RuleWords::of(&r);
            let cap = |s: String| if s == "all" { "All".to_string() } else { s.replace(',', ", ") };
            HbaRuleView {
                id: r.hba_rule_id.0.clone(),
                order: r.order,
                databases: cap(words.databases),
                users: cap(words.users),
                address: r.address.clone(),
                auth: r.auth_method.as_ref().map(|a| a.label().to_string()).unwrap_or_default(),
                state: match &r.reserved_action {
                    Some(ReservedAction::None) | None => r.hba_rule_status.as_ref().map(|s| s.label().to_string()).unwrap_or_default(),
                    Some(pending) => format!("{} (apply required)", pending.label()),
                },
                applicable: r.applicable,
                deleting: r.reserved_action == Some(ReservedAction::Delete),
                rule: r,
            }
        })
        .collect();
    rules.sort_by_key(|r| r.order);
    Ok(HbaView {
        need_to_apply: answer.need_to_apply,
        rules,
        diff,
        databases: databases?.databases.into_iter().map(|d| (d.database_id.0, d.database_name)).collect(),
        users: users?.db_users.into_iter().map(|u| (u.db_user_id.0, u.db_user_name)).collect(),
    })
}

/// What applying `answer` (the instance's rules as upstream lists them)
/// would change. When nothing waits, the rules are remembered as applied:
/// they are the baseline of the next diff.
pub async fn hba_diff(ctx: &Context, instance: &str, answer: &rds::types::HbaRules) -> Result<model::hba::Diff, DomainError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT rules FROM hba_baselines WHERE instance_id = ?").bind(instance).fetch_optional(&ctx.pool).await?;
    let waiting =
        answer.need_to_apply || answer.hba_rules.iter().any(|r| r.reserved_action.as_ref().is_some_and(|a| *a != ReservedAction::None));
    if !waiting {
        let now = serde_json::to_string(&answer.hba_rules).map_err(|e| DomainError::Internal(e.into()))?;
        if stored.as_deref() != Some(now.as_str()) {
            sqlx::query(
                "INSERT INTO hba_baselines (instance_id, rules, recorded_at) VALUES (?, ?, ?) \
                 ON CONFLICT(instance_id) DO UPDATE SET rules = excluded.rules, recorded_at = excluded.recorded_at",
            )
            .bind(instance)
            .bind(&now)
            .bind(crate::time::now_utc())
            .execute(&ctx.pool)
            .await?;
        }
        return Ok(model::hba::diff(Some(&answer.hba_rules), &answer.hba_rules));
    }
    let baseline: Option<Vec<rds::types::HbaRule>> = stored.and_then(|s| serde_json::from_str(&s).ok());
    Ok(model::hba::diff(baseline.as_deref(), &answer.hba_rules))
}

/// Every instance's details (an instance that cannot be read is left out).
async fn instance_details(ctx: &Context, creds: &rds::client::Credentials) -> Result<Vec<rds::types::DbInstanceDetail>, DomainError> {
    let list = ctx.rds.db_instances(creds).await?.db_instances;
    let details = futures_util::future::join_all(list.iter().map(|i| ctx.rds.db_instance(creds, &i.db_instance_id))).await;
    Ok(details.into_iter().flatten().collect())
}

/// The instances using each DB security group (by group id).
pub async fn security_group_users(
    ctx: &Context,
    creds: &rds::client::Credentials,
) -> Result<std::collections::HashMap<String, Vec<model::UsedBy>>, DomainError> {
    let mut by_group: std::collections::HashMap<String, Vec<model::UsedBy>> = std::collections::HashMap::new();
    for d in instance_details(ctx, creds).await? {
        for g in &d.db_security_group_ids {
            by_group.entry(g.0.clone()).or_default().push(model::UsedBy {
                id: d.db_instance_id.0.clone(),
                name: d.db_instance_name.clone(),
                status: d.db_instance_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default(),
                needs_apply: false,
            });
        }
    }
    Ok(by_group)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rds::types::RulePort;

    #[test]
    fn rule_ports_read_as_people_write_them() {
        let p = |t: PortType, a: Option<u32>, b: Option<u32>| ports(&RulePort { port_type: Some(t), min_port: a, max_port: b });
        assert_eq!(p(PortType::DbPort, None, None), "DB port");
        assert_eq!(p(PortType::Port, Some(5432), Some(5432)), "5432");
        assert_eq!(p(PortType::PortRange, Some(5000), Some(6000)), "5000–6000");
    }
}
