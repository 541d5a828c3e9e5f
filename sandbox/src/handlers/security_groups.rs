//! DB security groups and their rules.

use super::*;

pub fn db_security_groups(w: &mut World) -> Answer {
    ok(DbSecurityGroups {
        db_security_groups: w
            .security_groups
            .iter()
            .map(|g| DbSecurityGroup {
                db_security_group_id: g.db_security_group_id.clone(),
                db_security_group_name: g.db_security_group_name.clone(),
                db_security_group_status: g.db_security_group_status.clone(),
                description: g.description.clone(),
                progress_status: g.progress_status.clone(),
                created_ymdt: g.created_ymdt.clone(),
                updated_ymdt: g.updated_ymdt.clone(),
            })
            .collect(),
    })
}

pub fn db_security_group(w: &mut World, group_id: DbSecurityGroupId) -> Answer {
    let id = group_id.0;
    let g = security_group(w, &id)?.clone();
    Ok(json!({ "dbSecurityGroup": g }))
}

pub fn create_db_security_group(w: &mut World, body: CreateDbSecurityGroup) -> Answer {
    let r: CreateDbSecurityGroup = body;
    valid(&r)?;
    if w.security_groups.iter().any(|g| g.db_security_group_name == r.db_security_group_name) {
        return Err(ApiError::invalid(ValidationError::new("dbSecurityGroupName", "a DB security group with this name already exists")));
    }
    let gid = DbSecurityGroupId::new(uuid());
    let now = ts_now();
    w.security_groups.push(DbSecurityGroupDetail {
        db_security_group_id: gid.clone(),
        db_security_group_name: r.db_security_group_name.clone(),
        db_security_group_status: Some(CreatedStatus::Created),
        description: r.description,
        progress_status: Some(SecurityGroupProgress::None),
        rules: r.rules.into_iter().map(rule_from_spec).collect(),
        created_ymdt: Some(now.clone()),
        updated_ymdt: Some(now),
    });
    w.event("DB_SECURITY_GROUP_01_01", gid.as_str(), &r.db_security_group_name);
    ok(DbSecurityGroupCreated { db_security_group_id: gid })
}

pub fn modify_db_security_group(w: &mut World, group_id: DbSecurityGroupId, body: ModifyDbSecurityGroup) -> Answer {
    let id = group_id.0;
    let r: ModifyDbSecurityGroup = body;
    valid(&r)?;
    // As the service answers (docs/upstream-api.md): the name is required
    // even when only the description changes.
    if !w.security_group_name_optional && r.db_security_group_name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(ApiError::new(codes::INVALID, "dbSecurityGroupName is required"));
    }
    let g = security_group_mut(w, &id)?;
    if let Some(n) = r.db_security_group_name {
        g.db_security_group_name = n;
    }
    if let Some(d) = r.description {
        g.description = Some(d);
    }
    g.updated_ymdt = Some(ts_now());
    empty()
}

pub fn delete_db_security_group(w: &mut World, group_id: DbSecurityGroupId) -> Answer {
    let id = group_id.0;
    let name = security_group(w, &id)?.db_security_group_name.clone();
    if let Some(i) = w.instances.iter().find(|i| i.detail.db_security_group_ids.iter().any(|g| g.as_str() == id)) {
        return Err(ApiError::new(codes::IN_USE, format!("The DB security group is in use by DB instance {}", i.detail.db_instance_name)));
    }
    w.security_groups.retain(|g| g.db_security_group_id.as_str() != id);
    w.event("DB_SECURITY_GROUP_03_01", &id, &name);
    empty()
}

pub fn create_security_rule(w: &mut World, group_id: DbSecurityGroupId, body: SecurityRuleSpec) -> Answer {
    save_security_rule(w, "create_security_rule", group_id.0, None, body)
}

pub fn modify_security_rule(w: &mut World, group_id: DbSecurityGroupId, rule_id: SecurityRuleId, body: SecurityRuleSpec) -> Answer {
    save_security_rule(w, "modify_security_rule", group_id.0, Some(rule_id.0), body)
}

/// Create (no `second` id) and modify share their checks.
fn save_security_rule(w: &mut World, name: &str, id: String, second: Option<String>, r: SecurityRuleSpec) -> Answer {
    valid(&r)?;
    let rule_id = second.clone().unwrap_or_default();
    let g = security_group_mut(w, &id)?;
    if g.progress_status.as_ref().is_some_and(|s| *s != SecurityGroupProgress::None) {
        return Err(ApiError::state("The DB security group is busy; try again when the current task ends"));
    }
    let modifying = name == "modify_security_rule";
    if modifying && !g.rules.iter().any(|x| x.rule_id.as_str() == rule_id) {
        return Err(ApiError::not_found("DB security group rule", &rule_id));
    }
    g.progress_status = Some(if modifying { SecurityGroupProgress::UpdatingRule } else { SecurityGroupProgress::CreatingRule });
    let gname = g.db_security_group_name.clone();
    w.event("DB_SECURITY_GROUP_02_00", &id, &gname);
    let target = id.clone();
    let job = start_job(
        w,
        vec![(ResourceType::DbSecurityGroup, id.clone())],
        Box::new(move |w: &mut World| {
            if let Some(g) = w.security_groups.iter_mut().find(|g| g.db_security_group_id.as_str() == target) {
                let mut new_rule = rule_from_spec(r);
                if modifying {
                    if let Some(old) = g.rules.iter_mut().find(|x| x.rule_id.as_str() == rule_id) {
                        new_rule.rule_id = old.rule_id.clone();
                        new_rule.created_ymdt = old.created_ymdt.clone();
                        *old = new_rule;
                    }
                } else {
                    g.rules.push(new_rule);
                }
                g.progress_status = Some(SecurityGroupProgress::None);
                g.updated_ymdt = Some(ts_now());
            }
            w.event("DB_SECURITY_GROUP_02_01", &target, &gname);
        }),
    );
    job_answer(job)
}

pub fn delete_security_rules(w: &mut World, group_id: DbSecurityGroupId, r: RuleIdsQuery) -> Answer {
    let id = group_id.0;
    valid(&r)?;
    let g = security_group_mut(w, &id)?;
    for rid in &r.rule_ids {
        if !g.rules.iter().any(|x| &x.rule_id == rid) {
            return Err(ApiError::not_found("DB security group rule", rid.as_str()));
        }
    }
    g.progress_status = Some(SecurityGroupProgress::DeletingRule);
    let target = id.clone();
    let job = start_job(
        w,
        vec![(ResourceType::DbSecurityGroup, id.clone())],
        Box::new(move |w: &mut World| {
            if let Some(g) = w.security_groups.iter_mut().find(|g| g.db_security_group_id.as_str() == target) {
                g.rules.retain(|x| !r.rule_ids.contains(&x.rule_id));
                g.progress_status = Some(SecurityGroupProgress::None);
                g.updated_ymdt = Some(ts_now());
            }
        }),
    );
    job_answer(job)
}

pub(super) fn rule_from_spec(r: SecurityRuleSpec) -> SecurityRule {
    let now = ts_now();
    SecurityRule {
        rule_id: uuid().into(),
        description: r.description,
        direction: r.direction,
        ether_type: r.ether_type,
        port: r.port,
        cidr: r.cidr,
        created_ymdt: Some(now.clone()),
        updated_ymdt: Some(now),
    }
}

pub(super) fn security_group<'a>(w: &'a World, id: &str) -> Result<&'a DbSecurityGroupDetail, ApiError> {
    w.security_groups.iter().find(|g| g.db_security_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("DB security group", id))
}

pub(super) fn security_group_mut<'a>(w: &'a mut World, id: &str) -> Result<&'a mut DbSecurityGroupDetail, ApiError> {
    w.security_groups.iter_mut().find(|g| g.db_security_group_id.as_str() == id).ok_or_else(|| ApiError::not_found("DB security group", id))
}
